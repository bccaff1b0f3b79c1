package dev.inn.core.summary;

import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import java.util.Arrays;

/** What the summary networks share: checking a padded batch, its lengths, and sizing. */
final class SummaryInput {

  private SummaryInput() {}

  /**
   * The summary width: the {@code width} setting, or when it is 0 four times dim x (at least
   * 16), wide enough that a posterior over x is not squeezed through too few numbers.
   */
  static int width(Settings settings, int parameterDim) {
    int w = settings.getInt("width");
    return w > 0 ? w : Math.max(16, 4 * parameterDim);
  }

  /**
   * A layer size: the setting {@code key}, or when it is 0 eight values per element value (at
   * least {@code floor}), so a wide element is not squeezed through a narrow first layer.
   */
  static int size(Settings settings, String key, int floor, int elementWidth) {
    int v = settings.getInt(key);
    return v > 0 ? v : Math.max(floor, 8 * elementWidth);
  }

  /** Requires settings {@code keys} to be at least {@code min}, naming the offending key. */
  static void atLeast(String network, Settings settings, int min, String... keys) {
    for (String key : keys) {
      if (settings.getInt(key) < min) {
        throw new ConfigurationException(key, "summary network '" + network + "': " + key + " must be at least " + min
            + ", got " + settings.getInt(key));
      }
    }
  }

  /** The width must be 0 (automatic) or positive. */
  static void validWidth(String network, Settings settings) {
    if (settings.getInt("width") < 0) {
      throw new ConfigurationException("width", "summary network '" + network
          + "': width must be positive, or 0 for four times dim x, got " + settings.getInt("width"));
    }
  }

  /** The {@code activation} setting, a bad name reported against its key. */
  static dev.inn.api.nn.Activation activation(Settings settings) {
    dev.inn.api.nn.Activation.check(settings.owner(), "activation", settings.getString("activation"));
    return dev.inn.api.nn.Activation.named(settings.getString("activation"));
  }

  /** Refuses a shape the network does not take. */
  static void requireShape(String network, ObservationShape shape, Class<? extends ObservationShape> kind) {
    if (!kind.isInstance(shape)) {
      throw new ConfigurationException("condition", "the summary network '" + network + "' takes a "
          + (kind == ObservationShape.Set.class ? "set" : "sequence") + ", not a " + shape.describe());
    }
  }

  /**
   * The lengths of a batch, checked against its padded rows; an empty array (a batch handed
   * over without lengths) means every row is full.
   */
  static int[] lengths(String network, Tensor y, int[] lengths, int elementWidth) {
    if (y.cols() % elementWidth != 0 || y.cols() == 0) {
      throw new IllegalArgumentException("summary network '" + network + "': rows of " + y.cols()
          + " values are not whole elements of " + elementWidth);
    }
    int slots = y.cols() / elementWidth;
    if (lengths.length == 0) {
      int[] full = new int[y.rows()];
      Arrays.fill(full, slots);
      return full;
    }
    if (lengths.length != y.rows()) {
      throw new IllegalArgumentException("summary network '" + network + "': " + lengths.length + " lengths for "
          + y.rows() + " observations");
    }
    return lengths;
  }

  /** log n per row as a b x 1 constant, so a pooled mean still tells the network how many elements it saw. */
  static Tensor logCount(Ops ops, int[] lengths) {
    float[] v = new float[lengths.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.log(Math.max(1, lengths[i]));
    }
    return ops.constant(new Matrix(v.length, 1, v));
  }
}
