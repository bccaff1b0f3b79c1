package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.List;

/**
 * Simulation-based calibration (Talts et al. 2018): for pairs (x*, y*) drawn from the prior and
 * the simulator, the rank of each true parameter x*_j among posterior samples for y*. For a
 * calibrated posterior the ranks are uniform. Ranks are kept as fractions u in (0, 1).
 */
public final class Sbc {

  private Sbc() {}

  /**
   * The rank fraction of every true value among its posterior's samples, per parameter:
   * {@code [parameter][observation]}, u = (number of samples below x*_j + 1/2) / (L + 1). A
   * small u means the posterior lies above the truth.
   *
   * @param truth one true x* per row
   * @param posteriors the posterior samples for each row's observation
   */
  public static double[][] rankFractions(Matrix truth, List<Matrix> posteriors) {
    check(truth, posteriors);
    int n = truth.rows();
    int d = truth.cols();
    double[][] u = new double[d][n];
    for (int i = 0; i < n; i++) {
      Matrix s = posteriors.get(i);
      for (int c = 0; c < d; c++) {
        float t = truth.get(i, c);
        int below = 0;
        int ties = 0;
        for (int r = 0; r < s.rows(); r++) {
          float v = s.get(r, c);
          if (v < t) {
            below++;
          } else if (v == t) {
            ties++;
          }
        }
        u[c][i] = (below + 0.5 * ties + 0.5) / (s.rows() + 1);
      }
    }
    return u;
  }

  /** Counts of rank fractions in {@code bins} equal bins of (0, 1). */
  public static long[] histogram(double[] u, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("a rank histogram needs at least 1 bin, got " + bins);
    }
    long[] h = new long[bins];
    for (double v : u) {
      h[Math.min(bins - 1, Math.max(0, (int) (v * bins)))]++;
    }
    return h;
  }

  /** The verdict for one parameter's rank fractions at a simultaneous band of {@code confidence}. */
  public static Verdict verdict(double[] u, double confidence, long seed) {
    Uniformity check = Uniformity.of(u, confidence, seed);
    Miscalibration kind = Miscalibration.NONE;
    if (check.failed()) {
      if (check.shifted()) {
        // the truth ranks low among the samples: the samples lie above it
        kind = check.meanZ() < 0 ? Miscalibration.BIASED_HIGH : Miscalibration.BIASED_LOW;
      } else {
        kind = check.varianceZ() < 0 ? Miscalibration.OVER_DISPERSED : Miscalibration.UNDER_DISPERSED;
      }
    }
    return new Verdict(kind, "SBC ranks: " + kind.words() + "; " + check.numbers());
  }

  static void check(Matrix truth, List<Matrix> posteriors) {
    if (truth.rows() != posteriors.size()) {
      throw new IllegalArgumentException(truth.rows() + " true values but " + posteriors.size() + " posteriors");
    }
    if (truth.rows() < 2) {
      throw new IllegalArgumentException("calibration needs at least 2 (truth, posterior) pairs, got " + truth.rows());
    }
    for (int i = 0; i < posteriors.size(); i++) {
      Matrix s = posteriors.get(i);
      if (s.cols() != truth.cols() || s.rows() < 1) {
        throw new IllegalArgumentException("posterior " + i + " has " + s.rows() + " x " + s.cols() + " samples, need at"
            + " least 1 x " + truth.cols());
      }
    }
  }
}
