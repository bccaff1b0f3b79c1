package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Tests of Accuracy with Random Points (Lemos et al. 2023): for each (truth, posterior) pair, a
 * random reference point x_r; f = the fraction of posterior samples closer to x_r than the
 * truth is. For a correct posterior f is uniform for any choice of references, so the
 * expected-coverage curve ECP(alpha) = P(f < alpha) is the diagonal; a posterior that is too
 * wide puts its samples far from everything (f small, the curve above the diagonal); one too
 * narrow or biased puts f near 0 or 1 (an S-shaped curve, f's variance above 1/12). Distances
 * are in units of {@code scale} per parameter (e.g. prior standard deviations); references are
 * uniform over the box spanned by the true values.
 */
public final class Tarp {

  private Tarp() {}

  /** The fraction f for every pair, reproducible for a seed. */
  public static double[] fractions(Matrix truth, List<Matrix> posteriors, float[] scale, long seed) {
    Sbc.check(truth, posteriors);
    int n = truth.rows();
    int d = truth.cols();
    if (scale.length != d) {
      throw new IllegalArgumentException(d + " parameters but " + scale.length + " scales");
    }
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        lo[c] = Math.min(lo[c], truth.get(i, c) / scale[c]);
        hi[c] = Math.max(hi[c], truth.get(i, c) / scale[c]);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[n];
    double[] ref = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        ref[c] = lo[c] + random.nextDouble() * (hi[c] - lo[c]);
      }
      double t = distance(truth.row(i), ref, scale);
      Matrix s = posteriors.get(i);
      double closer = 0;
      for (int r = 0; r < s.rows(); r++) {
        double v = distance(s.row(r), ref, scale);
        closer += v < t ? 1 : v == t ? 0.5 : 0;
      }
      out[i] = closer / s.rows();
    }
    return out;
  }

  private static double distance(float[] x, double[] ref, float[] scale) {
    double sum = 0;
    for (int c = 0; c < ref.length; c++) {
      double diff = x[c] / scale[c] - ref[c];
      sum += diff * diff;
    }
    return sum;
  }

  /** The expected coverage probability at each alpha: the fraction of f below it. */
  public static double[] ecp(double[] fractions, double[] alphas) {
    return Coverage.fractionsBelow(fractions, alphas, false);
  }

  /** The verdict on the fractions f: the ECP curve above the diagonal = too wide, below = too narrow or biased. */
  public static Verdict verdict(double[] fractions, double confidence, long seed) {
    Uniformity check = Uniformity.of(fractions, confidence, seed);
    // too narrow or biased: the truth is either nearer the reference than all samples or farther
    // than all (f piles up at 0 and 1); too wide: samples lie far from everything (f small)
    boolean narrow = check.shifted() ? check.meanZ() > 0 : check.varianceZ() > 0;
    Miscalibration kind = !check.failed() ? Miscalibration.NONE
        : narrow ? Miscalibration.UNDER_DISPERSED : Miscalibration.OVER_DISPERSED;
    // the area between the ECP curve and the diagonal is 1/2 - mean(f)
    return new Verdict(kind, String.format(Locale.ROOT, "TARP: %s; area between ECP curve and diagonal %+.3f; %s",
        kind == Miscalibration.UNDER_DISPERSED ? "overconfident (too narrow or biased)" : kind.words(),
        0.5 - check.mean(), check.numbers()));
  }
}
