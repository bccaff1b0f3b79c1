package dev.inn.problems.mcmc;

/** An unnormalised log density of a parameter vector: negative infinity outside its support. */
@FunctionalInterface
public interface LogDensity {

  /** log p(theta) up to a constant; {@code Double.NEGATIVE_INFINITY} where p is zero. */
  double at(double[] theta);
}
