package org.example.seam;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.Map;

/** Additive coupling v2 = u2 + gain * t(u1), t a one-hidden-layer ReLU net; log-det 0. */
public final class GainCouplingProvider implements BlockProvider {

  @Override
  public String name() {
    return "example-gain-coupling";
  }

  @Override
  public String description() {
    return "example plugin: additive coupling with a gain on the shift";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("gain", 1.0);
  }

  @Override
  public void validate(Settings settings) {
    if (!(settings.getDouble("gain") > 0)) {
      throw new ConfigurationException("gain", "example-gain-coupling: gain must be positive, got "
          + settings.getDouble("gain"));
    }
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    validate(spec.settings());
    int half = spec.width() / 2;
    int rest = spec.width() - half;
    float gain = spec.settings().getFloat("gain");
    Parameter w1 = params.trainable("w1", half, spec.hidden(), 1 / Math.sqrt(half));
    Parameter b1 = params.trainable("b1", 1, spec.hidden(), 0);
    Parameter w2 = params.trainable("w2", spec.hidden(), rest, 0);
    Parameter b2 = params.trainable("b2", 1, rest, 0);
    return new InvertibleBlock() {
      private Tensor shift(Ops ops, Tensor u1) {
        return ops.scale(ops.linear(ops.relu(ops.linear(u1, w1, b1)), w2, b2), gain);
      }

      @Override
      public Transformed forward(Ops ops, Tensor u) {
        Tensor u1 = ops.columns(u, 0, half);
        Tensor v2 = ops.add(ops.columns(u, half, spec.width()), shift(ops, u1));
        return new Transformed(ops.concatColumns(u1, v2), ops.constant(Matrix.zeros(u.rows(), 1)));
      }

      @Override
      public Transformed inverse(Ops ops, Tensor v) {
        Tensor v1 = ops.columns(v, 0, half);
        Tensor u2 = ops.sub(ops.columns(v, half, spec.width()), shift(ops, v1));
        return new Transformed(ops.concatColumns(v1, u2), ops.constant(Matrix.zeros(v.rows(), 1)));
      }
    };
  }
}
