package dev.inn.core.blocks;

import dev.inn.api.block.BlockSpec;
import dev.inn.api.nn.Subnet;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/** {@code nice-coupling}: NICE additive coupling on both halves; volume preserving (log-det 0). */
public final class AdditiveCouplingProvider extends TwoSidedCouplingProvider {

  @Override
  public String name() {
    return "nice-coupling";
  }

  @Override
  public String description() {
    return "NICE additive coupling on both halves, volume preserving";
  }

  @Override
  CouplingHalf half(BlockSpec spec, Parameters params, int k, int in, int out) {
    Subnet net = spec.subnets().create(params.scope("t" + k), in, out);
    return (ops, c) -> new Tensor[] {null, net.apply(ops, c)};
  }
}
