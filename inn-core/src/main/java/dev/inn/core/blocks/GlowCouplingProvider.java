package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.nn.Subnet;
import java.util.Map;

/**
 * {@code glow-coupling}: the two-sided affine coupling where one subnet per half outputs
 * both s and t (GLOW style; half the subnets of {@code affine-coupling}, the layout of the
 * PyTorch speed reference).
 */
public final class GlowCouplingProvider implements BlockProvider {

  @Override
  public String name() {
    return "glow-coupling";
  }

  @Override
  public String description() {
    return "two-sided affine coupling, one subnet per half giving s and t (GLOW style), soft clamp";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("clamp_function", "atan", "two_sided", true);
  }

  @Override
  public void validate(Settings settings) {
    SoftClamp.check(settings.owner(), settings.getString("clamp_function"));
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
    SoftClamp clamp = new SoftClamp(spec.settings().getString("clamp_function"), spec.clamp());
    int a = TwoSidedCoupling.split(spec.width(), conditionWidth);
    int b = spec.width() - a;
    return new TwoSidedCoupling(spec.width(), half(spec, params.scope("net1"), a + conditionWidth, b, clamp),
        spec.settings().getBoolean("two_sided") && a > 0 ? half(spec, params.scope("net2"), b + conditionWidth, a, clamp) : null);
  }

  private static CouplingHalf half(BlockSpec spec, Parameters p, int in, int out, SoftClamp clamp) {
    Subnet net = spec.subnets().create(p, in, 2 * out);
    return (ops, c) -> {
      Tensor st = net.apply(ops, c);
      return new Tensor[] {ops.map(ops.columns(st, 0, out), clamp), ops.columns(st, out, 2 * out)};
    };
  }
}
