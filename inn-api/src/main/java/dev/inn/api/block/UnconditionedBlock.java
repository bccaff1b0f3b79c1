package dev.inn.api.block;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * An unconditional block used inside a conditional network: the condition is ignored.
 * {@link #block()} stays reachable so a network can still find, e.g., a
 * {@link DataInitialized} block inside.
 *
 * @param block the wrapped block
 */
public record UnconditionedBlock(InvertibleBlock block) implements ConditionalBlock {

  @Override
  public Transformed forward(Ops ops, Tensor u, Tensor condition) {
    return block.forward(ops, u);
  }

  @Override
  public Transformed inverse(Ops ops, Tensor v, Tensor condition) {
    return block.inverse(ops, v);
  }
}
