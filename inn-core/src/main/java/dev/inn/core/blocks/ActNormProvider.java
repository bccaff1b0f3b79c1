package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.DataInitialized;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.param.Standardizer;

/**
 * {@code actnorm}: a learned per-feature scale and shift, v = u * exp(s) + b (Kingma and
 * Dhariwal 2018, Glow). Initialised from the first training batch so its output starts with
 * zero mean and unit variance per feature, which keeps deep flows well conditioned whatever
 * the scale of the data reaching them.
 */
public final class ActNormProvider implements BlockProvider {

  @Override
  public String name() {
    return "actnorm";
  }

  @Override
  public String description() {
    return "per-feature learned scale and shift with data-dependent initialisation (Glow's ActNorm)";
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    return new ActNorm(params.trainable("log_scale", 1, spec.width(), 0), params.trainable("shift", 1, spec.width(), 0));
  }

  private static final class ActNorm implements InvertibleBlock, DataInitialized {
    private final Parameter logScale;
    private final Parameter shift;

    ActNorm(Parameter logScale, Parameter shift) {
      this.logScale = logScale;
      this.shift = shift;
    }

    @Override
    public Transformed forward(Ops ops, Tensor u) {
      Tensor s = ops.use(logScale);
      Tensor v = ops.addRow(ops.mulRow(u, ops.exp(s)), ops.use(shift));
      return new Transformed(v, perRow(ops, u.rows(), ops.sumColumns(s)));
    }

    @Override
    public Transformed inverse(Ops ops, Tensor v) {
      Tensor s = ops.use(logScale);
      Tensor u = ops.mulRow(ops.addRow(v, ops.scale(ops.use(shift), -1f)), ops.exp(ops.scale(s, -1f)));
      return new Transformed(u, perRow(ops, v.rows(), ops.scale(ops.sumColumns(s), -1f)));
    }

    /** The 1 x 1 log-determinant repeated for every row. */
    private static Tensor perRow(Ops ops, int rows, Tensor total) {
      float[] ones = new float[rows];
      java.util.Arrays.fill(ones, 1f);
      return ops.matmul(ops.constant(new Matrix(rows, 1, ones)), total);
    }

    @Override
    public void initialize(Matrix input) {
      int w = input.cols();
      double[][] moments = Standardizer.columnMoments(input);
      float[] s = new float[w];
      float[] b = new float[w];
      for (int c = 0; c < w; c++) {
        // a constant feature keeps unit scale rather than an infinite one
        double scale = moments[1][c] > 1e-6 ? 1 / moments[1][c] : 1;
        s[c] = (float) Math.log(scale);
        b[c] = (float) (-moments[0][c] * scale);
      }
      logScale.assign(s);
      shift.assign(b);
    }
  }
}
