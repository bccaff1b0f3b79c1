package dev.inn.core.testplugins;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;

/**
 * A block written only against inn-api, as a third party would: v = u * exp(a) + b with
 * learned rows a and b. Registered on the test class path only.
 */
public final class ElementwiseAffineProvider implements BlockProvider {

  @Override
  public String name() {
    return "test-elementwise-affine";
  }

  @Override
  public String description() {
    return "test only: v = u exp(a) + b";
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    Parameter a = params.trainable("log_scale", 1, spec.width(), 0.3);
    Parameter b = params.trainable("shift", 1, spec.width(), 0.3);
    return new InvertibleBlock() {
      @Override
      public Transformed forward(Ops ops, Tensor u) {
        Tensor scale = ops.exp(ops.use(a));
        Tensor ones = ops.constant(ones(u.rows()));
        Tensor v = ops.addRow(ops.mul(u, ops.matmul(ones, scale)), ops.use(b));
        return new Transformed(v, ops.matmul(ones, ops.sumColumns(ops.use(a))));
      }

      @Override
      public Transformed inverse(Ops ops, Tensor v) {
        Tensor ones = ops.constant(ones(v.rows()));
        Tensor inv = ops.exp(ops.scale(ops.use(a), -1f));
        Tensor u = ops.mul(ops.sub(v, ops.matmul(ones, ops.use(b))), ops.matmul(ones, inv));
        return new Transformed(u, ops.scale(ops.matmul(ones, ops.sumColumns(ops.use(a))), -1f));
      }
    };
  }

  private static Matrix ones(int n) {
    float[] d = new float[n];
    java.util.Arrays.fill(d, 1f);
    return new Matrix(n, 1, d);
  }
}
