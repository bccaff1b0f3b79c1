package dev.inn.problems.sbibm;

import dev.inn.api.problem.Support;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * sbibm's {@code sir} (spec section 4): an SIR epidemic in a population of 10^6 with contact
 * rate beta and recovery rate gamma (log-normal priors), started from one infected. The
 * infected count I(t) at days 0, 17, ..., 153 is observed through Binomial(1000, I(t) / N)
 * draws (D = 10).
 */
public final class Sir extends SbibmTask {

  /** The registered name. */
  public static final String NAME = "sir";
  /** Population size. */
  public static final double POPULATION = 1e6;
  /** Trials of each binomial observation. */
  public static final int TRIALS = 1000;
  /** Prior of log beta: N(log 0.4, 0.5^2). */
  public static final double LOG_BETA_MEAN = Math.log(0.4);
  public static final double LOG_BETA_SD = 0.5;
  /** Prior of log gamma: N(log 0.125, 0.2^2). */
  public static final double LOG_GAMMA_MEAN = Math.log(0.125);
  public static final double LOG_GAMMA_SD = 0.2;

  private static final double[] OBSERVED_DAYS = {0, 17, 34, 51, 68, 85, 102, 119, 136, 153};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sbibmName() {
    return "sir";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("beta", "gamma");
  }

  @Override
  public List<String> observationNames() {
    return List.of("infected_day0", "infected_day17", "infected_day34", "infected_day51", "infected_day68",
        "infected_day85", "infected_day102", "infected_day119", "infected_day136", "infected_day153");
  }

  /** Both rates are positive. */
  @Override
  public Optional<Support> support() {
    return Optional.of(new Support(new double[] {0, 0},
        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}));
  }

  /** The observed days (a copy). */
  public static double[] observedDays() {
    return OBSERVED_DAYS.clone();
  }

  @Override
  protected void drawPrior(SplittableRandom rng, double[] theta) {
    theta[0] = Math.exp(LOG_BETA_MEAN + LOG_BETA_SD * rng.nextGaussian());
    theta[1] = Math.exp(LOG_GAMMA_MEAN + LOG_GAMMA_SD * rng.nextGaussian());
  }

  @Override
  protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
    double[][] states = solve(theta[0], theta[1], OBSERVED_DAYS);
    if (states == null) {
      return false;
    }
    for (int i = 0; i < OBSERVED_DAYS.length; i++) {
      double p = Math.min(1, Math.max(0, states[i][1] / POPULATION));
      y[i] = binomial(rng, TRIALS, p);
    }
    return true;
  }

  /**
   * The (S, I, R) state at each of {@code days}, from S = N - 1, I = 1, R = 0 at day 0, or
   * null if the solver failed.
   */
  public static double[][] solve(double beta, double gamma, double[] days) {
    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return 3;
      }

      @Override
      public void computeDerivatives(double t, double[] s, double[] ds) {
        double infections = beta * s[0] * s[1] / POPULATION;
        double recoveries = gamma * s[1];
        ds[0] = -infections;
        ds[1] = infections - recoveries;
        ds[2] = recoveries;
      }
    };
    return SavePointOdeSolver.solve(ode, 0, new double[] {POPULATION - 1, 1, 0}, days);
  }

  /**
   * An exact Binomial(n, p) draw by inversion, walking the distribution function from 0 on the
   * smaller of p and 1 - p (so (1 - p)^n cannot underflow for n = 1000 and the walk is short).
   * Public for the raw-curve form of this task ({@code sir-raw}).
   */
  public static int binomial(SplittableRandom rng, int n, double p) {
    if (p > 0.5) {
      return n - binomial(rng, n, 1 - p);
    }
    if (p <= 0) {
      return 0;
    }
    double odds = p / (1 - p);
    double start = Math.pow(1 - p, n);
    while (true) {
      double u = rng.nextDouble();
      double pmf = start;
      double cdf = pmf;
      int k = 0;
      while (u > cdf && k < n) {
        pmf *= odds * (n - k) / (k + 1);
        k++;
        cdf += pmf;
      }
      if (u <= cdf) {
        return k;
      }
      // u fell in the rounding gap above the summed mass: draw again rather than bias the tail
    }
  }
}
