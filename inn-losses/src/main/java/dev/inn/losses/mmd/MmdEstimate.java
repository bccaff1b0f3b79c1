package dev.inn.losses.mmd;

import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;

/**
 * MMD^2 between two sample sets given as plain matrices (no gradients), for evaluating
 * posteriors against ground truth. Uses the unbiased estimate of Gretton et al. (2012):
 * within-set means exclude the diagonal, so two samples of one distribution give values
 * scattered around zero (possibly slightly negative).
 */
public final class MmdEstimate {

  private MmdEstimate() {}

  /**
   * Unbiased MMD^2 of the rows of {@code a} and {@code b} under a radial {@code kernel}
   * (a function of the squared distance). Both sets need at least two rows and equal widths.
   */
  public static double squared(Matrix a, Matrix b, Kernel kernel) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("MMD of " + a.cols() + "-D and " + b.cols() + "-D samples");
    }
    if (a.rows() < 2 || b.rows() < 2) {
      throw new IllegalArgumentException("MMD needs at least 2 samples per set, got " + a.rows() + " and " + b.rows());
    }
    double aa = kernelSum(a, a, kernel, true) / ((double) a.rows() * (a.rows() - 1));
    double bb = kernelSum(b, b, kernel, true) / ((double) b.rows() * (b.rows() - 1));
    double ab = kernelSum(a, b, kernel, false) / ((double) a.rows() * b.rows());
    return aa + bb - 2 * ab;
  }

  /** Sum of k(a_i, b_j) over all pairs (i != j when {@code skipDiagonal}). */
  private static double kernelSum(Matrix a, Matrix b, Kernel kernel, boolean skipDiagonal) {
    int d = a.cols();
    float[] x = a.data();
    float[] y = b.data();
    double total = 0;
    for (int i = 0; i < a.rows(); i++) {
      double row = 0;
      int oi = i * d;
      for (int j = 0; j < b.rows(); j++) {
        if (skipDiagonal && i == j) {
          continue;
        }
        int oj = j * d;
        float dist = 0;
        for (int c = 0; c < d; c++) {
          float diff = x[oi + c] - y[oj + c];
          dist += diff * diff;
        }
        row += kernel.apply(dist);
      }
      total += row;
    }
    return total;
  }
}
