package dev.inn.api.block;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * A block written once for both uses: as an {@link InvertibleBlock} it is the conditional
 * block called with a null condition, which it must accept when built without one.
 */
public interface OptionallyConditionalBlock extends InvertibleBlock, ConditionalBlock {

  /** {@code forward(ops, u, null)}. */
  @Override
  default Transformed forward(Ops ops, Tensor u) {
    return forward(ops, u, null);
  }

  /** {@code inverse(ops, v, null)}. */
  @Override
  default Transformed inverse(Ops ops, Tensor v) {
    return inverse(ops, v, null);
  }
}
