package dev.inn.core.blocks;

import dev.inn.api.block.BlockSpec;
import dev.inn.api.nn.Subnet;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/**
 * {@code glow-coupling}: the two-sided affine coupling where one subnet per half outputs
 * both s and t (GLOW style; half the subnets of {@code affine-coupling}, the layout of the
 * PyTorch speed reference). Settings as for {@code affine-coupling}.
 */
public final class GlowCouplingProvider extends AffineCouplingProvider {

  @Override
  public String name() {
    return "glow-coupling";
  }

  @Override
  public String description() {
    return "two-sided affine coupling, one subnet per half giving s and t (GLOW style), soft clamp";
  }

  @Override
  CouplingHalf half(BlockSpec spec, Parameters params, int k, int in, int out) {
    SoftClamp clamp = clamp(spec);
    Subnet net = spec.subnets().create(params.scope("net" + k), in, 2 * out);
    return (ops, c) -> {
      Tensor st = net.apply(ops, c);
      return new Tensor[] {ops.map(ops.columns(st, 0, out), clamp), ops.columns(st, out, 2 * out)};
    };
  }
}
