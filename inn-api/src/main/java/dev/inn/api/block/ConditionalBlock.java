package dev.inn.api.block;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;

/**
 * An invertible map of x given a condition c (the conditional INN's h(y)): invertible in its
 * first argument for every fixed condition. Gradients flow into the condition as well, so a
 * conditioning network upstream is trained through the block. Blocks without subnets
 * (permutations, ActNorm) have no conditional version; a {@link BlockChain} runs them
 * unconditioned beside the conditional ones.
 */
public interface ConditionalBlock {

  /**
   * v = f(u; c) with log|det df/du| per row.
   *
   * @param u the input, n x width
   * @param condition the condition, n x conditionWidth (as given to
   *     {@link BlockProvider#createConditional})
   */
  Transformed forward(Ops ops, Tensor u, Tensor condition);

  /** u = f^-1(v; c) with log|det df^-1/dv| per row. */
  Transformed inverse(Ops ops, Tensor v, Tensor condition);
}
