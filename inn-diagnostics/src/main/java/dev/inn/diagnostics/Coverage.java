package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.List;
import java.util.Locale;

/**
 * Expected coverage: for credibility levels alpha, how often the truth lies inside the posterior's
 * alpha-credible region. Each (truth, posterior) pair gives the smallest level whose region
 * holds the truth (its "credible level"); the coverage curve is the ECDF of those levels, the
 * diagonal when calibrated, above it when the posterior is too wide, below when too narrow.
 * Regions are central intervals per parameter, highest-density regions where the method has a
 * density, and Mahalanobis ellipsoids of the samples as the joint region otherwise.
 */
public final class Coverage {

  private Coverage() {}

  /** The levels 0, 1/k, ..., 1. */
  public static double[] levels(int k) {
    double[] out = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      out[i] = i / (double) k;
    }
    return out;
  }

  /** Credible levels of central intervals, from SBC rank fractions u: |2u - 1|. */
  public static double[] centralLevels(double[] rankFractions) {
    double[] out = new double[rankFractions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.abs(2 * rankFractions[i] - 1);
    }
    return out;
  }

  /**
   * Credible levels of highest-density regions: the fraction of a posterior's samples that have
   * a higher density than its truth (ties count half).
   *
   * @param truthLogDensity log q(x* | y*) per pair
   * @param sampleLogDensity log q(x_s | y*) of each pair's samples
   */
  public static double[] hpdLevels(double[] truthLogDensity, double[][] sampleLogDensity) {
    if (truthLogDensity.length != sampleLogDensity.length) {
      throw new IllegalArgumentException(truthLogDensity.length + " truths but " + sampleLogDensity.length
          + " sample sets");
    }
    double[] out = new double[truthLogDensity.length];
    for (int i = 0; i < out.length; i++) {
      double t = truthLogDensity[i];
      double above = 0;
      for (double v : sampleLogDensity[i]) {
        above += v > t ? 1 : v == t ? 0.5 : 0;
      }
      out[i] = above / sampleLogDensity[i].length;
    }
    return out;
  }

  /**
   * Credible levels of the samples' Mahalanobis ellipsoids (the joint region for a method
   * without a density): the fraction of samples closer to the sample mean than the truth, in
   * the metric of the sample covariance.
   */
  public static double[] jointLevels(Matrix truth, List<Matrix> posteriors) {
    Sbc.check(truth, posteriors);
    double[] out = new double[truth.rows()];
    for (int i = 0; i < out.length; i++) {
      Matrix s = posteriors.get(i);
      if (s.rows() < 2) {
        throw new IllegalArgumentException("posterior " + i + " has " + s.rows() + " samples; joint coverage needs 2");
      }
      double[] mean = Correlation.mean(s);
      double[][] l = Correlation.cholesky(Correlation.covariance(s));
      double t = mahalanobis(truth.row(i), mean, l);
      double closer = 0;
      for (int r = 0; r < s.rows(); r++) {
        double v = mahalanobis(s.row(r), mean, l);
        closer += v < t ? 1 : v == t ? 0.5 : 0;
      }
      out[i] = closer / s.rows();
    }
    return out;
  }

  private static double mahalanobis(float[] x, double[] mean, double[][] l) {
    int d = mean.length;
    double[] y = new double[d];
    double sum = 0;
    for (int a = 0; a < d; a++) {
      double s = x[a] - mean[a];
      for (int k = 0; k < a; k++) {
        s -= l[a][k] * y[k];
      }
      y[a] = s / l[a][a];
      sum += y[a] * y[a];
    }
    return sum;
  }

  /** The coverage curve: the fraction of credible levels at or below each alpha. */
  public static double[] curve(double[] credibleLevels, double[] alphas) {
    return fractionsBelow(credibleLevels, alphas, true);
  }

  /** For each alpha, the fraction of {@code values} below it ({@code inclusive}: at or below it). */
  static double[] fractionsBelow(double[] values, double[] alphas, boolean inclusive) {
    double[] out = new double[alphas.length];
    for (int a = 0; a < alphas.length; a++) {
      int below = 0;
      for (double v : values) {
        if (v < alphas[a] || (inclusive && v == alphas[a])) {
          below++;
        }
      }
      out[a] = below / (double) values.length;
    }
    return out;
  }

  /**
   * The verdict on credible levels: uniform when calibrated; concentrated at low levels (the
   * curve above the diagonal) when too wide, at high levels when too narrow or biased.
   */
  public static Verdict verdict(double[] credibleLevels, double confidence, long seed) {
    Uniformity check = Uniformity.of(credibleLevels, confidence, seed);
    Miscalibration kind = !check.failed() ? Miscalibration.NONE
        : check.meanZ() < 0 ? Miscalibration.OVER_DISPERSED : Miscalibration.UNDER_DISPERSED;
    double[] at = curve(credibleLevels, new double[] {0.5, 0.9});
    return new Verdict(kind, String.format(Locale.ROOT, "coverage: %s; the 50 %% region holds the truth %.1f %% of the"
        + " time, the 90 %% region %.1f %%; %s", kind == Miscalibration.UNDER_DISPERSED
        ? "overconfident (too narrow or biased)" : kind.words(), 100 * at[0], 100 * at[1], check.numbers()));
  }
}
