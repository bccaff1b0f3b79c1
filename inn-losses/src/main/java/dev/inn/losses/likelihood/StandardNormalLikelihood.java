package dev.inn.losses.likelihood;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * Negative log-likelihood of a flow with a standard normal latent:
 * mean over rows of 0.5 ||z||^2 - log|det J| (the constant d/2 log 2 pi dropped). With the
 * other outputs of an INN pinned by their own losses, minimising it makes z ~ N(0, I)
 * independent of them, the maximum-likelihood counterpart of the MMD on z.
 */
public final class StandardNormalLikelihood {

  private StandardNormalLikelihood() {}

  /**
   * @param z the latent part of the output, n x d
   * @param logDet log|det J| of the map that produced it, n x 1
   * @return a 1 x 1 tensor
   */
  public static Tensor negativeLogLikelihood(Ops ops, Tensor z, Tensor logDet) {
    if (logDet.rows() != z.rows() || logDet.cols() != 1) {
      throw new IllegalArgumentException("log-determinant of shape " + logDet.rows() + " x " + logDet.cols()
          + " for a latent batch of " + z.rows() + " rows; expected " + z.rows() + " x 1");
    }
    Tensor perRow = ops.sub(ops.scale(ops.sumColumns(ops.square(z)), 0.5f), logDet);
    return ops.mean(perRow);
  }
}
