package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.nn.Subnet;
import java.util.Map;

/**
 * {@code affine-coupling}: the paper's two-sided affine coupling (eq. 4/5) with separate
 * subnets s_i and t_i for each half (RealNVP style) and a soft-clamped log-scale.
 */
public final class AffineCouplingProvider implements BlockProvider {

  @Override
  public String name() {
    return "affine-coupling";
  }

  @Override
  public String description() {
    return "two-sided affine coupling of the paper (eq. 4/5), separate s and t subnets, soft clamp";
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
    return new TwoSidedCoupling(spec.width(),
        half(spec, params.scope("s1"), params.scope("t1"), a + conditionWidth, b, clamp),
        spec.settings().getBoolean("two_sided") && a > 0
            ? half(spec, params.scope("s2"), params.scope("t2"), b + conditionWidth, a, clamp) : null);
  }

  private static CouplingHalf half(BlockSpec spec, Parameters sp, Parameters tp, int in, int out, SoftClamp clamp) {
    Subnet s = spec.subnets().create(sp, in, out);
    Subnet t = spec.subnets().create(tp, in, out);
    return (ops, c) -> new dev.inn.api.tensor.Tensor[] {ops.map(s.apply(ops, c), clamp), t.apply(ops, c)};
  }
}
