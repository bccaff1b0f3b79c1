package dev.inn.losses.regression;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/** Squared error summed over dimensions and averaged over the batch (the paper's L_y). */
public final class SquaredError {

  private SquaredError() {}

  /** sum_j (prediction_ij - target_ij)^2 / n as a 1 x 1 tensor. */
  public static Tensor loss(Ops ops, Tensor prediction, Tensor target) {
    return ops.scale(ops.sum(ops.square(ops.sub(prediction, target))), 1f / prediction.rows());
  }
}
