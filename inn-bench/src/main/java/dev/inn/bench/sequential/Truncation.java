package dev.inn.bench.sequential;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import dev.inn.api.random.Seeds;
import java.util.Arrays;
import java.util.Optional;

/**
 * The prior truncated to the highest-density region of a posterior estimate q(x | y*):
 * {x in the prior's support : log q(x | y*) >= tau}, with tau the {@code quantile}-quantile of
 * log q over q's own samples. Draws come from the prior by rejection, so they keep the prior's
 * shape inside the region and maximum-likelihood training on them stays valid there. When the
 * region is too small for rejection (acceptance below {@code minAcceptance}), the rest come from
 * the fallback: posterior samples widened about their mean by {@code inflation}, rejected outside
 * the truncated prior; these follow the widened posterior, not the prior, inside the region.
 */
final class Truncation {

  private final double threshold;
  private final Matrix posteriorSamples;

  private Truncation(double threshold, Matrix posteriorSamples) {
    this.threshold = threshold;
    this.posteriorSamples = posteriorSamples;
  }

  /** What a round's proposals cost. */
  record Proposals(Matrix x, long priorDraws, long priorAccepted, long fallbackDraws, long fallbackAccepted) {

    /** The prior mass inside the truncated region, estimated by the acceptance of prior draws. */
    double volume() {
      return priorDraws == 0 ? 1.0 : priorAccepted / (double) priorDraws;
    }

    /** The acceptance rate over every proposal tried. */
    double acceptance() {
      long tried = priorDraws + fallbackDraws;
      return tried == 0 ? 1.0 : (priorAccepted + fallbackAccepted) / (double) tried;
    }
  }

  /** The truncation of {@code method}'s posterior for {@code observation}. */
  static Truncation of(PosteriorMethod method, float[] observation, SequentialConfig config, long seed) {
    Matrix s = method.sample(observation, config.densitySamples(), seed);
    double[] lq = ((PosteriorDensity) method).logDensity(observation, s);
    double[] finite = Arrays.stream(lq).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      throw new IllegalStateException("the posterior estimate gives none of its own " + s.rows()
          + " samples a finite log density");
    }
    int k = (int) Math.floor(config.quantile() * finite.length);
    return new Truncation(finite[Math.min(k, finite.length - 1)], s);
  }

  /** tau: the least log q(x | y*) inside the region. */
  double threshold() {
    return threshold;
  }

  /**
   * {@code n} draws from the truncated prior: prior rejection first, the fallback for the rest when
   * its acceptance is too low; null when neither found anything (the caller names the round).
   */
  Proposals draw(Problem problem, PosteriorMethod method, float[] observation, int n, SequentialConfig config,
      long seed) {
    Problem.Prior prior = problem.prior().orElseThrow();
    PosteriorDensity density = (PosteriorDensity) method;
    int dx = problem.parameterDim();
    float[] out = new float[n * dx];
    int have = 0;
    long priorDraws = 0;
    long priorAccepted = 0;
    int batch = (int) Math.min(200_000, Math.max(10_000, 4L * n));
    for (long b = 0; have < n; b++) {
      boolean hopeless = priorDraws >= SequentialConfig.PRIOR_TRIAL
          && priorAccepted < config.minAcceptance() * priorDraws;
      if (hopeless || priorDraws >= config.maxPriorDraws()) {
        break;
      }
      Matrix x = prior.sample(batch, Seeds.task(seed, 0, b));
      double[] lq = density.logDensity(observation, x);
      for (int i = 0; i < x.rows() && have < n; i++) {
        priorDraws++;
        if (lq[i] >= threshold) {
          System.arraycopy(x.data(), i * dx, out, have * dx, dx);
          have++;
          priorAccepted++;
        }
      }
    }
    long fallbackDraws = 0;
    long fallbackAccepted = 0;
    if (have < n) {
      double[] mean = columnMeans(posteriorSamples);
      Optional<Support> support = problem.support();
      long maxFallback = Math.max(config.maxPriorDraws(), 1000L * n);
      for (long b = 0; have < n; b++) {
        if (fallbackDraws >= maxFallback) {
          break;
        }
        Matrix x = inflate(method.sample(observation, batch, Seeds.task(seed, 1, b)), mean, config.inflation());
        double[] lq = density.logDensity(observation, x);
        for (int i = 0; i < x.rows() && have < n; i++) {
          fallbackDraws++;
          if (lq[i] >= threshold && inside(support, x, i)) {
            System.arraycopy(x.data(), i * dx, out, have * dx, dx);
            have++;
            fallbackAccepted++;
          }
        }
      }
      if (have < n) {
        return null;
      }
    }
    return new Proposals(new Matrix(n, dx, out), priorDraws, priorAccepted, fallbackDraws, fallbackAccepted);
  }

  private static boolean inside(Optional<Support> support, Matrix x, int row) {
    for (int c = 0; c < x.cols(); c++) {
      if (!Float.isFinite(x.get(row, c))) {
        return false;
      }
    }
    if (support.isEmpty()) {
      return true;
    }
    double[] lo = support.get().lower();
    double[] hi = support.get().upper();
    for (int c = 0; c < x.cols(); c++) {
      double v = x.get(row, c);
      if (!(v > lo[c] && v < hi[c])) {
        return false;
      }
    }
    return true;
  }

  private static double[] columnMeans(Matrix m) {
    double[] mean = new double[m.cols()];
    for (int i = 0; i < m.rows(); i++) {
      for (int c = 0; c < m.cols(); c++) {
        mean[c] += m.get(i, c);
      }
    }
    for (int c = 0; c < mean.length; c++) {
      mean[c] /= m.rows();
    }
    return mean;
  }

  private static Matrix inflate(Matrix x, double[] mean, double factor) {
    float[] d = x.data().clone();
    int cols = x.cols();
    for (int k = 0; k < d.length; k++) {
      int c = k % cols;
      d[k] = (float) (mean[c] + factor * (d[k] - mean[c]));
    }
    return new Matrix(x.rows(), cols, d);
  }
}
