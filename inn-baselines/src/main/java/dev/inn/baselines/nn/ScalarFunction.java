package dev.inn.baselines.nn;

import dev.inn.api.tensor.ElementFunction;

/**
 * Element functions the baselines need beyond {@link dev.inn.api.tensor.Ops}, for
 * {@code ops.map}. Each is evaluated in double precision in a numerically stable form
 * (no overflow of exp for large |x|).
 */
public enum ScalarFunction implements ElementFunction {
  /** log(1 + e^x); derivative sigmoid(x). */
  SOFTPLUS {
    @Override
    public float apply(float x) {
      return (float) softplus(x);
    }

    @Override
    public float derivative(float x, float fx) {
      return (float) sigmoid(x);
    }
  },
  /** 1 / (1 + e^-x); derivative s (1 - s). */
  SIGMOID {
    @Override
    public float apply(float x) {
      return (float) sigmoid(x);
    }

    @Override
    public float derivative(float x, float fx) {
      double s = sigmoid(x);
      return (float) (s * (1 - s));
    }
  },
  /** log sigmoid(x) = -softplus(-x); derivative sigmoid(-x). */
  LOG_SIGMOID {
    @Override
    public float apply(float x) {
      return (float) -softplus(-x);
    }

    @Override
    public float derivative(float x, float fx) {
      return (float) sigmoid(-x);
    }
  },
  /** Natural logarithm; derivative 1 / x (non-positive inputs give -inf or NaN, caught by the trainer). */
  LOG {
    @Override
    public float apply(float x) {
      return (float) Math.log(x);
    }

    @Override
    public float derivative(float x, float fx) {
      return 1f / x;
    }
  };

  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
