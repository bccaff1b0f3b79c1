package dev.inn.api.block;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * One invertible map of an INN, written once in both directions with {@link Ops} so that
 * gradients flow through either. {@code inverse(forward(u).value()).value()} must equal
 * {@code u} to float tolerance, and the inverse's log-determinant must be the negative of
 * the forward one at the corresponding point.
 */
public interface InvertibleBlock {

  /** v = f(u) with log|det df/du| per row. */
  Transformed forward(Ops ops, Tensor u);

  /** u = f^-1(v) with log|det df^-1/dv| per row. */
  Transformed inverse(Ops ops, Tensor v);
}
