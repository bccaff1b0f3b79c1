package dev.inn.core.blocks;

import dev.inn.api.block.BlockSpec;
import dev.inn.api.nn.Subnet;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.Map;

/**
 * {@code affine-coupling}: the paper's two-sided affine coupling (eq. 4/5) with separate
 * subnets s_i and t_i for each half (RealNVP style) and a soft-clamped log-scale. Its settings
 * ({@code clamp_function}, {@code two_sided}) hold for {@code glow-coupling} too, which differs
 * only in the subnets of a half.
 */
public class AffineCouplingProvider extends TwoSidedCouplingProvider {

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
  final boolean transformsBothHalves(Settings settings) {
    return settings.getBoolean("two_sided");
  }

  /** The bound on the log-scale s that the settings and the block's clamp give. */
  static SoftClamp clamp(BlockSpec spec) {
    return new SoftClamp(spec.settings().getString("clamp_function"), spec.clamp());
  }

  @Override
  CouplingHalf half(BlockSpec spec, Parameters params, int k, int in, int out) {
    SoftClamp clamp = clamp(spec);
    Subnet s = spec.subnets().create(params.scope("s" + k), in, out);
    Subnet t = spec.subnets().create(params.scope("t" + k), in, out);
    return (ops, c) -> new Tensor[] {ops.map(s.apply(ops, c), clamp), t.apply(ops, c)};
  }
}
