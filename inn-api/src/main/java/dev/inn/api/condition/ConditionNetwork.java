package dev.inn.api.condition;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/** A trainable map from (standardised) observations y, n x dim y, to conditions h(y), n x width. */
public interface ConditionNetwork {

  /** Columns of h(y). */
  int width();

  /** h(y) for a batch of observations; gradients flow into the network's parameters. */
  Tensor apply(Ops ops, Tensor y);
}
