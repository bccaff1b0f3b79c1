package dev.inn.api.nn;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import java.util.Locale;

/** Hidden-layer non-linearities by their configuration names. */
public enum Activation {
  /** max(x, 0), {@code "relu"}. */
  RELU,
  /** x for x > 0, else {@link #LEAKY_SLOPE} x; {@code "leaky-relu"}. */
  LEAKY_RELU,
  /** tanh(x), {@code "tanh"}. */
  TANH;

  /** Slope of the leaky ReLU for negative inputs. */
  public static final float LEAKY_SLOPE = 0.1f;

  /** This non-linearity applied to every element of {@code x}. */
  public Tensor apply(Ops ops, Tensor x) {
    return switch (this) {
      case RELU -> ops.relu(x);
      case LEAKY_RELU -> ops.leakyRelu(x, LEAKY_SLOPE);
      case TANH -> ops.tanh(x);
    };
  }

  /** {@code "relu"}, {@code "leaky-relu"} or {@code "tanh"}. */
  public static Activation named(String name) {
    for (Activation a : values()) {
      if (a.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; available: relu, leaky-relu, tanh");
  }

  /**
   * Checks the setting {@code key} of {@code owner} names an activation, for a plugin's
   * {@code validate}; the error names the key.
   */
  public static void check(String owner, String key, String name) {
    try {
      named(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, "setting '" + key + "' of " + owner + ": "
          + e.getMessage());
    }
  }
}
