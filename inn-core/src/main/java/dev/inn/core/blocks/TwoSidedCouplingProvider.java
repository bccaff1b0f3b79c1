package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameters;

/**
 * What the providers of the {@link TwoSidedCoupling} blocks share: the input split into halves
 * u1 (the first {@link TwoSidedCoupling#split} values) and u2, half 1 transforming u2 from u1 and
 * the condition, half 2 transforming u1 from the new u2 and the condition. The conditional block is
 * the same block with the condition appended to each half's input, so it is real, never a silent
 * drop of y. A subclass says only how one half computes its transform.
 */
abstract class TwoSidedCouplingProvider implements BlockProvider {

  @Override
  public final InvertibleBlock create(BlockSpec spec, Parameters params) {
    return build(spec, 0, params);
  }

  @Override
  public final ConditionalBlock createConditional(BlockSpec spec, int conditionWidth, Parameters params) {
    return build(spec, conditionWidth, params);
  }

  /**
   * The subnets of half {@code k} (1 or 2; their parameter scopes are named after it), reading
   * {@code in} values and transforming {@code out}.
   */
  abstract CouplingHalf half(BlockSpec spec, Parameters params, int k, int in, int out);

  /** Whether half 2 exists; when not, u1 passes unchanged. */
  boolean transformsBothHalves(Settings settings) {
    return true;
  }

  private TwoSidedCoupling build(BlockSpec spec, int conditionWidth, Parameters params) {
    int a = TwoSidedCoupling.split(spec.width(), conditionWidth);
    int b = spec.width() - a;
    // half 1's parameters are created before half 2's: initial weights follow that order
    CouplingHalf first = half(spec, params, 1, a + conditionWidth, b);
    CouplingHalf second = transformsBothHalves(spec.settings()) && a > 0
        ? half(spec, params, 2, b + conditionWidth, a) : null;
    return new TwoSidedCoupling(spec.width(), first, second);
  }
}
