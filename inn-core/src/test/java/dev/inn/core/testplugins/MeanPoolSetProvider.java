package dev.inn.core.testplugins;

import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.Map;

/**
 * A summary network that exists only on the test class path, built from the engine's plain
 * operations: a shared tanh layer on every element, masked mean over the real elements, log n
 * beside it, a linear layer out. A stand-in with the contract of a set network (permutation
 * invariant, padding-blind), not a tuned one; {@code min_length} lets tests ask for a minimum.
 */
public final class MeanPoolSetProvider implements ConditionNetworkProvider {

  @Override
  public String name() {
    return "test-mean-pool";
  }

  @Override
  public String description() {
    return "test only: mean-pooled shared layer over a set's rows";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("hidden", 16, "min_length", 1);
  }

  @Override
  public boolean accepts(ObservationShape shape) {
    return shape.ragged();
  }

  @Override
  public int minimumLength(Settings settings) {
    return settings.getInt("min_length");
  }

  @Override
  public ConditionNetwork create(int observationDim, Settings settings, Parameters params) {
    throw new UnsupportedOperationException("test-mean-pool takes sets only");
  }

  @Override
  public ConditionNetwork create(ObservationShape shape, int parameterDim, Settings settings, Parameters params) {
    int w = shape.elementWidth();
    int hidden = settings.getInt("hidden");
    int out = 4 * parameterDim;
    Parameter w1 = params.trainable("w1", w, hidden, Math.sqrt(1.0 / w));
    Parameter b1 = params.trainable("b1", 1, hidden, 0);
    Parameter w2 = params.trainable("w2", hidden + 1, out, Math.sqrt(1.0 / (hidden + 1)));
    Parameter b2 = params.trainable("b2", 1, out, 0);
    return new ConditionNetwork() {
      @Override
      public int width() {
        return out;
      }

      @Override
      public Tensor apply(Ops ops, Tensor y) {
        throw new UnsupportedOperationException("test-mean-pool takes sets only");
      }

      @Override
      public Tensor apply(Ops ops, Tensor y, int[] lengths) {
        int rows = lengths.length;
        int slots = y.value().cols() / w;
        Tensor sum = null;
        for (int j = 0; j < slots; j++) {
          float[] mask = new float[rows * hidden];
          for (int i = 0; i < rows; i++) {
            if (j < lengths[i]) {
              java.util.Arrays.fill(mask, i * hidden, (i + 1) * hidden, 1f / lengths[i]);
            }
          }
          Tensor phi = ops.tanh(ops.linear(ops.columns(y, j * w, (j + 1) * w), w1, b1));
          Tensor part = ops.mul(phi, ops.constant(new Matrix(rows, hidden, mask)));
          sum = sum == null ? part : ops.add(sum, part);
        }
        float[] logN = new float[rows];
        for (int i = 0; i < rows; i++) {
          logN[i] = (float) Math.log(lengths[i]);
        }
        return ops.linear(ops.concatColumns(sum, ops.constant(new Matrix(rows, 1, logN))), w2, b2);
      }
    };
  }
}
