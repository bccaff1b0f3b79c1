package dev.inn.losses.mmd;

import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * Maximum mean discrepancy (Gretton et al. 2012), the biased V-statistic
 * MMD^2 = mean k(a_i, a_j) + mean k(b_i, b_j) - 2 mean k(a_i, b_j): differentiably for
 * training ({@link #loss}) and on plain matrices for evaluation ({@link #estimate}).
 */
public final class Mmd {

  private Mmd() {}

  /** MMD^2 between the rows of a and b as a 1 x 1 tensor. */
  public static Tensor loss(Ops ops, Tensor a, Tensor b, Kernel kernel) {
    Tensor kaa = ops.mean(ops.map(ops.squaredDistances(a, a), kernel));
    Tensor kbb = ops.mean(ops.map(ops.squaredDistances(b, b), kernel));
    Tensor kab = ops.mean(ops.map(ops.squaredDistances(a, b), kernel));
    return ops.add(ops.add(kaa, kbb), ops.scale(kab, -2f));
  }

  /**
   * MMD^2 where every kernel term k(i, j) is multiplied by {@code pairWeights} (n x n, from a
   * and b sharing their row order), e.g. exp(-|y_i - y_j|^2 / 2 sigma^2) to compare only
   * samples with similar observations (paper appendix 8.3).
   */
  public static Tensor weightedLoss(Ops ops, Tensor a, Tensor b, Kernel kernel, Tensor pairWeights) {
    Tensor kaa = ops.mean(ops.mul(ops.map(ops.squaredDistances(a, a), kernel), pairWeights));
    Tensor kbb = ops.mean(ops.mul(ops.map(ops.squaredDistances(b, b), kernel), pairWeights));
    Tensor kab = ops.mean(ops.mul(ops.map(ops.squaredDistances(a, b), kernel), pairWeights));
    return ops.add(ops.add(kaa, kbb), ops.scale(kab, -2f));
  }

  /** MMD^2 between the rows of two matrices, in double precision. */
  public static double estimate(Matrix a, Matrix b, Kernel kernel) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("MMD between samples of dimension " + a.cols() + " and " + b.cols());
    }
    return meanKernel(a, a, kernel) + meanKernel(b, b, kernel) - 2 * meanKernel(a, b, kernel);
  }

  private static double meanKernel(Matrix a, Matrix b, Kernel kernel) {
    int d = a.cols();
    float[] av = a.data();
    float[] bv = b.data();
    double total = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          double diff = av[i * d + c] - bv[j * d + c];
          s += diff * diff;
        }
        total += kernel.apply((float) s);
      }
    }
    return total / ((double) a.rows() * b.rows());
  }
}
