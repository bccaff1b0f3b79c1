package dev.inn.problems.sbibm;

import dev.inn.api.problem.Support;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * sbibm's {@code lotka_volterra} (spec section 5): predator-prey dynamics with rates
 * (alpha, beta, gamma, delta) under log-normal priors, from 30 prey and 1 predator. Prey at
 * times 0, 2.1, ..., 18.9, then predators at the same times (D = 20), each clamped to
 * [1e-10, 1e4] and observed with log-normal noise of log-scale sd 0.1.
 *
 * <p>About 2 in 10 000 prior draws (large alpha: the predator collapses to ~1e-9 and the prey
 * explodes) exceed the solver's evaluation cap; most of them still fail with 25 times the cap,
 * so they are treated as failed simulations, like sbibm's NaN outputs, and dropped by
 * {@link #sample}.
 */
public final class LotkaVolterra extends SbibmTask {

  /** The registered name. */
  public static final String NAME = "lotka-volterra";
  /** Prior means of the log rates (sd {@link #LOG_SD} each). */
  public static final double[] LOG_MEANS = {-0.125, -3, -0.125, -3};
  public static final double LOG_SD = 0.5;
  /** Log-scale sd of the observation noise. */
  public static final double NOISE_SD = 0.1;
  /** Initial prey and predator counts. */
  public static final double PREY_0 = 30;
  public static final double PREDATOR_0 = 1;
  public static final double CLAMP_LOW = 1e-10;
  public static final double CLAMP_HIGH = 1e4;

  private static final double[] OBSERVED_TIMES = {0, 2.1, 4.2, 6.3, 8.4, 10.5, 12.6, 14.7, 16.8, 18.9};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sbibmName() {
    return "lotka_volterra";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("alpha", "beta", "gamma", "delta");
  }

  @Override
  public List<String> observationNames() {
    String[] names = new String[20];
    for (int i = 0; i < 10; i++) {
      names[i] = "prey" + (i + 1);
      names[10 + i] = "predator" + (i + 1);
    }
    return List.of(names);
  }

  /** All four rates are positive. */
  @Override
  public Optional<Support> support() {
    double[] upper = new double[4];
    Arrays.fill(upper, Double.POSITIVE_INFINITY);
    return Optional.of(new Support(new double[4], upper));
  }

  /** The observed times (a copy). */
  public static double[] observedTimes() {
    return OBSERVED_TIMES.clone();
  }

  @Override
  protected void drawPrior(SplittableRandom rng, double[] theta) {
    for (int i = 0; i < 4; i++) {
      theta[i] = Math.exp(LOG_MEANS[i] + LOG_SD * rng.nextGaussian());
    }
  }

  @Override
  protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
    double[][] states = solve(theta, OBSERVED_TIMES);
    if (states == null) {
      return false;
    }
    for (int species = 0; species < 2; species++) {
      for (int i = 0; i < OBSERVED_TIMES.length; i++) {
        double c = Math.min(CLAMP_HIGH, Math.max(CLAMP_LOW, states[i][species]));
        y[species * OBSERVED_TIMES.length + i] = c * Math.exp(NOISE_SD * rng.nextGaussian());
      }
    }
    return true;
  }

  /**
   * The (prey, predator) state at each of {@code times} for rates theta = (alpha, beta,
   * gamma, delta), from (30, 1) at time 0, or null if the solver failed.
   */
  public static double[][] solve(double[] theta, double[] times) {
    double alpha = theta[0];
    double beta = theta[1];
    double gamma = theta[2];
    double delta = theta[3];
    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return 2;
      }

      @Override
      public void computeDerivatives(double t, double[] s, double[] ds) {
        ds[0] = alpha * s[0] - beta * s[0] * s[1];
        ds[1] = -gamma * s[1] + delta * s[0] * s[1];
      }
    };
    return SavePointOdeSolver.solve(ode, 0, new double[] {PREY_0, PREDATOR_0}, times);
  }
}
