package dev.inn.api.condition;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/** A trainable map from (standardised) observations y, n x dim y, to conditions h(y), n x width. */
public interface ConditionNetwork {

  /** Columns of h(y). */
  int width();

  /** h(y) for a batch of observation vectors; gradients flow into the network's parameters. */
  Tensor apply(Ops ops, Tensor y);

  /**
   * h(y) for a batch of sets or sequences: {@code y} holds padded rows (element-major, see
   * {@link dev.inn.api.data.ObservationShape}) and {@code lengths[i]} is the number of elements
   * of row i. Values past a row's length are zero and must not change its h(y). A network made
   * for vectors (the default) refuses ragged input.
   */
  default Tensor apply(Ops ops, Tensor y, int[] lengths) {
    if (lengths.length == 0) {
      return apply(ops, y);
    }
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " conditions on observation vectors, not on sets or sequences");
  }
}
