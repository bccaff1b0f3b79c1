package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.OptionallyConditionalBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.blocks.spline.RationalQuadraticSpline;
import dev.inn.core.blocks.spline.SplineShape;
import dev.inn.api.nn.Subnet;
import java.util.Map;

/**
 * {@code rq-spline-coupling}: two-sided rational-quadratic spline coupling with linear tails
 * (Durkan et al. 2019, "Neural Spline Flows"). u = [u1, u2]; a subnet on u2 gives every
 * element of u1 its own monotone spline on [-bound, bound] (identity outside), then a subnet
 * on the new v1 does the same for u2, so one block transforms every dimension. The subnets'
 * last layers start at zero, which makes the block start as the identity. The conditional
 * version feeds the condition to both subnets.
 *
 * <p>The defaults (4 bins on [-3, 3], for standardised inputs) and the measurements behind
 * them: docs/decisions.md.
 */
public final class RationalQuadraticSplineCouplingProvider implements BlockProvider {

  @Override
  public String name() {
    return "rq-spline-coupling";
  }

  @Override
  public String description() {
    return "two-sided rational-quadratic spline coupling with linear tails (Neural Spline Flows)";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("bins", 4, "bound", 3.0, "min_bin_width", 1e-3, "min_bin_height", 1e-3,
        "min_derivative", 1e-3);
  }

  @Override
  public void validate(Settings s) {
    try {
      shape(s);
    } catch (ConfigurationException e) {
      String key = e.key().orElse("bins");
      throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + ": " + e.getMessage());
    }
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    return new SplineCoupling(spec, 0, params);
  }

  @Override
  public ConditionalBlock createConditional(BlockSpec spec, int conditionWidth, Parameters params) {
    if (conditionWidth < 1) {
      throw new IllegalArgumentException("condition width must be at least 1, got " + conditionWidth);
    }
    return new SplineCoupling(spec, conditionWidth, params);
  }

  static SplineShape shape(Settings s) {
    return new SplineShape(s.getInt("bins"), s.getFloat("bound"), s.getFloat("min_bin_width"),
        s.getFloat("min_bin_height"), s.getFloat("min_derivative"));
  }

  /** The block; {@code conditionWidth} 0 means unconditional (condition passed as null). */
  static final class SplineCoupling implements OptionallyConditionalBlock {
    private final int width;
    private final int split;
    private final int conditionWidth;
    private final SplineShape shape;
    // first: v1 (+ c) -> splines of u2; second: u2 (+ c) -> splines of u1
    private final Subnet first;
    private final Subnet second;

    SplineCoupling(BlockSpec spec, int conditionWidth, Parameters params) {
      this.width = spec.width();
      this.split = TwoSidedCoupling.split(width, conditionWidth);
      this.conditionWidth = conditionWidth;
      this.shape = shape(spec.settings());
      int per = shape.parametersPerElement();
      int rest = width - split;
      first = spec.subnets().create(params.scope("net1"), split + conditionWidth, rest * per);
      // one dimension: the first subnet sees the condition alone and there is no second half
      second = split == 0 ? null : spec.subnets().create(params.scope("net2"), rest + conditionWidth, split * per);
    }

    private void check(Tensor t, Tensor condition) {
      if (t.cols() != width) {
        throw new IllegalArgumentException("spline coupling of width " + width + " got " + t.cols() + " columns");
      }
      int given = condition == null ? 0 : condition.cols();
      if (given != conditionWidth) {
        throw new IllegalArgumentException("spline coupling built for a condition of width " + conditionWidth
            + " got one of width " + given);
      }
    }

    private Tensor splineParameters(Ops ops, Subnet net, Tensor x, Tensor condition) {
      return net.apply(ops, condition == null ? x : ops.concatColumns(x, condition));
    }

    @Override
    public Transformed forward(Ops ops, Tensor u, Tensor condition) {
      check(u, condition);
      if (split == 0) {
        Tensor[] v = RationalQuadraticSpline.apply(ops, u, first.apply(ops, condition), shape, false);
        return new Transformed(v[0], ops.sumColumns(v[1]));
      }
      Tensor u1 = ops.columns(u, 0, split);
      Tensor u2 = ops.columns(u, split, width);
      Tensor[] v1 = RationalQuadraticSpline.apply(ops, u1, splineParameters(ops, second, u2, condition), shape, false);
      Tensor[] v2 = RationalQuadraticSpline.apply(ops, u2, splineParameters(ops, first, v1[0], condition), shape, false);
      return new Transformed(ops.concatColumns(v1[0], v2[0]),
          ops.add(ops.sumColumns(v1[1]), ops.sumColumns(v2[1])));
    }

    @Override
    public Transformed inverse(Ops ops, Tensor v, Tensor condition) {
      check(v, condition);
      if (split == 0) {
        Tensor[] u = RationalQuadraticSpline.apply(ops, v, first.apply(ops, condition), shape, true);
        return new Transformed(u[0], ops.sumColumns(u[1]));
      }
      Tensor v1 = ops.columns(v, 0, split);
      Tensor v2 = ops.columns(v, split, width);
      Tensor[] u2 = RationalQuadraticSpline.apply(ops, v2, splineParameters(ops, first, v1, condition), shape, true);
      Tensor[] u1 = RationalQuadraticSpline.apply(ops, v1, splineParameters(ops, second, u2[0], condition), shape, true);
      return new Transformed(ops.concatColumns(u1[0], u2[0]),
          ops.add(ops.sumColumns(u1[1]), ops.sumColumns(u2[1])));
    }
  }
}
