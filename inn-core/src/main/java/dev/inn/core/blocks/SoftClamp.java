package dev.inn.core.blocks;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.tensor.ElementFunction;
import dev.inn.core.linalg.ElementKernels;

/**
 * Bounds a coupling's log-scale smoothly to (-alpha, alpha) so exp(s) cannot explode:
 * {@code atan}: (2 alpha / pi) atan(s / alpha) (the default; a float polynomial, see
 * {@link ElementKernels#atanClamp}); {@code tanh}: alpha tanh(s / alpha);
 * {@code none}: identity.
 */
public record SoftClamp(String function, float alpha) implements ElementFunction {

  /**
   * Checks the setting {@code clamp_function} of {@code owner} names a clamp, for a plugin's
   * {@code validate}; the error names the key.
   */
  public static void check(String owner, String function) {
    if (!function.equals("atan") && !function.equals("tanh") && !function.equals("none")) {
      throw new ConfigurationException("clamp_function", "setting 'clamp_function' of " + owner
          + ": unknown clamp function '" + function + "'; available: atan, tanh, none");
    }
  }

  public SoftClamp {
    if (!function.equals("atan") && !function.equals("tanh") && !function.equals("none")) {
      throw new IllegalArgumentException("unknown clamp function '" + function + "'; available: atan, tanh, none");
    }
    if (!function.equals("none") && !(alpha > 0)) {
      throw new IllegalArgumentException("clamp must be positive, got " + alpha);
    }
  }

  @Override
  public float apply(float s) {
    return switch (function) {
      case "atan" -> ElementKernels.atanClamp(s, alpha);
      case "tanh" -> (float) (alpha * Math.tanh(s / alpha));
      default -> s;
    };
  }

  @Override
  public void applyAll(float[] x, float[] fx, float[] dfdx, int from, int to) {
    // one branch on the function per array, not per element
    switch (function) {
      case "atan" -> ElementKernels.best().atanClamp(x, fx, dfdx, from, to, alpha);
      case "tanh" -> {
        for (int i = from; i < to; i++) {
          float s = x[i];
          fx[i] = (float) (alpha * Math.tanh(s / alpha));
          if (dfdx != null) {
            double t = Math.tanh(s / alpha);
            dfdx[i] = (float) (1 - t * t);
          }
        }
      }
      default -> {
        System.arraycopy(x, from, fx, from, to - from);
        if (dfdx != null) {
          java.util.Arrays.fill(dfdx, from, to, 1f);
        }
      }
    }
  }

  @Override
  public float derivative(float s, float fs) {
    return switch (function) {
      case "atan" -> ElementKernels.atanClampSlope(s, alpha);
      case "tanh" -> {
        double t = Math.tanh(s / alpha);
        yield (float) (1 - t * t);
      }
      default -> 1f;
    };
  }
}
