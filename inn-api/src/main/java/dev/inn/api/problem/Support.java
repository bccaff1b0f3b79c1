package dev.inn.api.problem;

import java.util.Arrays;

/**
 * Where the prior puts its mass: per parameter a lower and an upper bound, either of which
 * may be infinite. Methods may use it to keep posterior samples inside the prior's support
 * (a uniform prior's bounds, a positive quantity's zero).
 *
 * @param lower lower bound per parameter, {@link Double#NEGATIVE_INFINITY} where unbounded
 * @param upper upper bound per parameter, {@link Double#POSITIVE_INFINITY} where unbounded
 */
public record Support(double[] lower, double[] upper) {

  public Support {
    if (lower.length != upper.length) {
      throw new IllegalArgumentException("support: " + lower.length + " lower but " + upper.length + " upper bounds");
    }
    for (int i = 0; i < lower.length; i++) {
      if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || !(lower[i] < upper[i])) {
        throw new IllegalArgumentException("support of parameter " + i + " is [" + lower[i] + ", " + upper[i]
            + "]: the lower bound must be below the upper one");
      }
    }
    lower = lower.clone();
    upper = upper.clone();
  }

  /** Number of parameters. */
  public int dim() {
    return lower.length;
  }

  @Override
  /** A copy of the lower bounds, one per parameter. */
  public double[] lower() {
    return lower.clone();
  }

  @Override
  /** A copy of the upper bounds, one per parameter. */
  public double[] upper() {
    return upper.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Support s && Arrays.equals(lower, s.lower) && Arrays.equals(upper, s.upper);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
  }

  @Override
  public String toString() {
    return "Support" + Arrays.toString(lower) + " .. " + Arrays.toString(upper);
  }
}
