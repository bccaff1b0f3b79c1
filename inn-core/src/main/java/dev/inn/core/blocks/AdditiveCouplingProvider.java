package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Subnet;

/** {@code nice-coupling}: NICE additive coupling on both halves; volume preserving (log-det 0). */
public final class AdditiveCouplingProvider implements BlockProvider {

  @Override
  public String name() {
    return "nice-coupling";
  }

  @Override
  public String description() {
    return "NICE additive coupling on both halves, volume preserving";
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    return build(spec, 0, params);
  }

  @Override
  public ConditionalBlock createConditional(BlockSpec spec, int conditionWidth, Parameters params) {
    return build(spec, conditionWidth, params);
  }

  private static TwoSidedCoupling build(BlockSpec spec, int conditionWidth, Parameters params) {
    int a = TwoSidedCoupling.split(spec.width(), conditionWidth);
    int b = spec.width() - a;
    return new TwoSidedCoupling(spec.width(), half(spec, params.scope("t1"), a + conditionWidth, b),
        a > 0 ? half(spec, params.scope("t2"), b + conditionWidth, a) : null);
  }

  private static CouplingHalf half(BlockSpec spec, Parameters p, int in, int out) {
    Subnet net = spec.subnets().create(p, in, out);
    return (ops, c) -> new Tensor[] {null, net.apply(ops, c)};
  }
}
