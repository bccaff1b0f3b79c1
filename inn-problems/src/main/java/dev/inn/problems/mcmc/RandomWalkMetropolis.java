package dev.inn.problems.mcmc;

import dev.inn.api.data.Matrix;
import dev.inn.api.linalg.Cholesky;
import dev.inn.api.random.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Adaptive random-walk Metropolis with several independent chains.
 *
 * <p>Each chain starts at the most probable of {@link #START_CANDIDATES} draws of its start
 * distribution (usually the prior), then warms up: the proposal's scale is tuned towards an
 * acceptance rate of about a quarter, and at a quarter, half and three quarters of the warm-up
 * its shape becomes the covariance of the chain's recent states (Haario et al. 2001), so
 * correlated posteriors mix. After the warm-up the proposal is fixed (the kept chain is a plain
 * Metropolis chain, hence exact in the limit) and every {@code thin}-th state is kept. Convergence
 * is checked by the split R-hat of every parameter (Gelman et al., BDA3 section 11.4).
 *
 * <p>Chains run in parallel, each with its own random stream derived from the seed, so a seed
 * gives the same draws on any number of threads.
 */
public final class RandomWalkMetropolis {

  /** Start candidates drawn per chain; the one of highest density starts the chain. */
  public static final int START_CANDIDATES = 64;
  private static final double TARGET_ACCEPTANCE = 0.25;
  private static final int ADAPT_WINDOW = 100;
  /** Kept draws per chain at least, however few are asked for, so R-hat is meaningful. */
  private static final int MIN_KEPT = 1000;

  private RandomWalkMetropolis() {}

  /**
   * How long and how many chains run.
   *
   * @param chains independent chains (at least 2, for R-hat)
   * @param warmup adaptive iterations per chain, discarded
   * @param thin iterations per kept draw
   * @param maxRHat the largest split R-hat {@link #sampleConverged} accepts
   */
  public record Options(int chains, int warmup, int thin, double maxRHat) {
    /** Checks the numbers. */
    public Options {
      if (chains < 2 || warmup < 4 * ADAPT_WINDOW || thin < 1 || !(maxRHat > 1)) {
        throw new IllegalArgumentException("MCMC options need chains >= 2, warmup >= " + 4 * ADAPT_WINDOW
            + ", thin >= 1 and max R-hat > 1, got " + chains + ", " + warmup + ", " + thin + ", " + maxRHat);
      }
    }

    /** Four chains of 4000 warm-up iterations, every 10th state kept, R-hat at most 1.01. */
    public static Options defaults() {
      return new Options(4, 4000, 10, 1.01);
    }

    Options longer() {
      return new Options(chains, warmup * 4, thin * 2, maxRHat);
    }
  }

  /**
   * Draws of the chains and their diagnostics.
   *
   * @param samples one draw per row, the chains interleaved (row r comes from chain r mod chains)
   * @param rHat the split R-hat of each parameter
   * @param acceptance the fraction of accepted proposals after the warm-up
   */
  public record Result(Matrix samples, double[] rHat, double acceptance) {
    /** The largest split R-hat over the parameters. */
    public double maxRHat() {
      return Arrays.stream(rHat).max().orElse(Double.NaN);
    }
  }

  /** Where a chain may start, e.g. a prior draw. */
  @FunctionalInterface
  public interface StartDistribution {
    /** One candidate start point. */
    double[] draw(SplittableRandom rng);
  }

  /**
   * {@code n} draws of {@code target}; if some parameter's split R-hat exceeds the options'
   * bound, runs again twice with a four times longer warm-up and twice the thinning, and fails
   * if the chains still disagree, so a reference posterior is never silently unconverged.
   *
   * @param initialSteps the proposal's standard deviation per parameter at the start of the warm-up
   * @throws IllegalStateException naming the R-hat when the chains do not converge
   */
  public static Result sampleConverged(LogDensity target, StartDistribution start, double[] initialSteps, int n,
      long seed, Options options) {
    Options o = options;
    Result r = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      r = run(target, start, initialSteps, n, Seeds.derive(seed, attempt), o);
      if (r.maxRHat() <= o.maxRHat()) {
        return r;
      }
      o = o.longer();
    }
    throw new IllegalStateException(String.format(Locale.ROOT, "MCMC did not converge: split R-hat %s (at most %.3f"
        + " wanted) after %d warm-up iterations per chain", fmt(r.rHat()), options.maxRHat(), o.warmup() / 4));
  }

  /**
   * One run of {@code options.chains()} chains giving {@code n} draws in all; no convergence
   * check. Each chain keeps at least {@value #MIN_KEPT} draws for the diagnostics, even when fewer are returned.
   */
  public static Result run(LogDensity target, StartDistribution start, double[] initialSteps, int n, long seed,
      Options options) {
    if (n < 1) {
      throw new IllegalArgumentException("MCMC needs at least one draw, got " + n);
    }
    int chains = options.chains();
    int keep = Math.max(MIN_KEPT, (n + chains - 1) / chains);
    double[][][] draws = new double[chains][][];
    long[] accepted = new long[chains];
    IntStream.range(0, chains).parallel().forEach(c -> {
      Chain chain = new Chain(target, initialSteps, new SplittableRandom(Seeds.derive(seed, c)));
      chain.start(start);
      chain.warmUp(options.warmup());
      draws[c] = new double[keep][];
      for (int k = 0; k < keep; k++) {
        for (int t = 0; t < options.thin(); t++) {
          chain.step();
        }
        draws[c][k] = chain.state.clone();
      }
      accepted[c] = chain.accepted;
    });
    int d = initialSteps.length;
    float[] out = new float[n * d];
    for (int r = 0; r < n; r++) {
      double[] s = draws[r % chains][r / chains];
      for (int j = 0; j < d; j++) {
        out[r * d + j] = (float) s[j];
      }
    }
    double acceptance = Arrays.stream(accepted).sum() / (double) ((long) chains * keep * options.thin());
    return new Result(new Matrix(n, d, out), splitRHat(draws), acceptance);
  }

  /**
   * The split R-hat of each parameter: every chain is cut into halves, and the between-half
   * variance of the means is compared with the within-half variance.
   */
  static double[] splitRHat(double[][][] draws) {
    int half = draws[0].length / 2;
    int d = draws[0][0].length;
    int m = 2 * draws.length;
    double[] rHat = new double[d];
    for (int j = 0; j < d; j++) {
      double[] means = new double[m];
      double[] vars = new double[m];
      for (int c = 0; c < draws.length; c++) {
        for (int h = 0; h < 2; h++) {
          double sum = 0;
          for (int k = 0; k < half; k++) {
            sum += draws[c][h * half + k][j];
          }
          double mean = sum / half;
          double ss = 0;
          for (int k = 0; k < half; k++) {
            double e = draws[c][h * half + k][j] - mean;
            ss += e * e;
          }
          means[2 * c + h] = mean;
          vars[2 * c + h] = ss / (half - 1);
        }
      }
      double grand = Arrays.stream(means).average().orElseThrow();
      double b = 0;
      for (double mean : means) {
        b += (mean - grand) * (mean - grand);
      }
      b *= half / (m - 1.0);
      double w = Arrays.stream(vars).average().orElseThrow();
      double pooled = (half - 1.0) / half * w + b / half;
      rHat[j] = w > 0 ? Math.sqrt(pooled / w) : (b > 0 ? Double.POSITIVE_INFINITY : 1);
    }
    return rHat;
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
    }
    return sb.append(']').toString();
  }

  /** One chain: its state, density, proposal (scale times a Cholesky factor) and counters. */
  private static final class Chain {
    private final LogDensity target;
    private final SplittableRandom rng;
    private final int d;
    private double[] state;
    private double logDensity;
    private double[][] factor;
    private double logScale;
    private long accepted;
    private final double[] proposal;
    private final double[] noise;

    Chain(LogDensity target, double[] initialSteps, SplittableRandom rng) {
      this.target = target;
      this.rng = rng;
      this.d = initialSteps.length;
      factor = new double[d][d];
      for (int j = 0; j < d; j++) {
        factor[j][j] = initialSteps[j];
      }
      logScale = 0;
      proposal = new double[d];
      noise = new double[d];
    }

    void start(StartDistribution start) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < START_CANDIDATES; i++) {
        double[] candidate = start.draw(rng);
        double lp = target.at(candidate);
        if (lp > best) {
          best = lp;
          state = candidate.clone();
        }
      }
      if (state == null) {
        throw new IllegalStateException("MCMC: none of " + START_CANDIDATES
            + " start candidates has a positive density under the target");
      }
      logDensity = best;
    }

    void warmUp(int iterations) {
      int windowAccepted = 0;
      double[][] recent = new double[iterations / 4][];
      int filled = 0;
      for (int it = 1; it <= iterations; it++) {
        if (step()) {
          windowAccepted++;
        }
        recent[filled++ % recent.length] = state.clone();
        if (it % ADAPT_WINDOW == 0) {
          double rate = windowAccepted / (double) ADAPT_WINDOW;
          logScale += 1.5 * (rate - TARGET_ACCEPTANCE);
          windowAccepted = 0;
        }
        if (it % recent.length == 0 && it < iterations && filled >= recent.length) {
          try {
            factor = Cholesky.lower(covariance(recent), "the chain's recent covariance");
            // 2.38 / sqrt(d) is the optimal scale for a Gaussian target of this covariance
            logScale = Math.log(2.38 / Math.sqrt(d));
          } catch (IllegalArgumentException stuck) {
            // a chain that has not moved in all directions keeps its proposal
          }
        }
      }
      accepted = 0;
    }

    boolean step() {
      for (int j = 0; j < d; j++) {
        noise[j] = rng.nextGaussian();
      }
      double scale = Math.exp(logScale);
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j <= i; j++) {
          s += factor[i][j] * noise[j];
        }
        proposal[i] = state[i] + scale * s;
      }
      double lp = target.at(proposal);
      if (lp > Double.NEGATIVE_INFINITY && Math.log(rng.nextDouble()) < lp - logDensity) {
        System.arraycopy(proposal, 0, state, 0, d);
        logDensity = lp;
        accepted++;
        return true;
      }
      return false;
    }

    private double[][] covariance(double[][] rows) {
      double[] mean = new double[d];
      for (double[] r : rows) {
        for (int j = 0; j < d; j++) {
          mean[j] += r[j] / rows.length;
        }
      }
      double[][] cov = new double[d][d];
      for (double[] r : rows) {
        for (int i = 0; i < d; i++) {
          for (int j = 0; j <= i; j++) {
            cov[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (rows.length - 1);
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          cov[j][i] = cov[i][j];
        }
      }
      return cov;
    }
  }
}
