package dev.inn.diagnostics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A simultaneous confidence band for the difference ECDF(z) - z of n values that are uniform on
 * (0, 1) (Säilynoja, Bürkner and Vehtari 2022): the band holds the whole ECDF-difference curve
 * of uniform values with probability {@code confidence}. The pointwise binomial level is adjusted
 * by Monte Carlo simulation of uniform ECDFs, as in the paper's simulation method.
 *
 * @param n how many values the band is for
 * @param confidence simultaneous coverage, e.g. 0.95
 * @param z evaluation points in (0, 1)
 * @param lower lower edge of ECDF(z) - z at each point
 * @param upper upper edge of ECDF(z) - z at each point
 */
public record EcdfBand(int n, double confidence, double[] z, double[] lower, double[] upper) {

  /**
   * The band for {@code n} values at {@code points} evenly spaced points, from
   * {@code simulations} simulated uniform samples; reproducible for a seed.
   */
  public static EcdfBand simulate(int n, double confidence, int points, int simulations, long seed) {
    if (n < 1 || points < 1 || simulations < 10 || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("an ECDF band needs n >= 1, points >= 1, simulations >= 10 and a confidence in"
          + " (0, 1), got " + n + ", " + points + ", " + simulations + ", " + confidence);
    }
    double[] z = new double[points];
    Binomial[] binomials = new Binomial[points];
    for (int i = 0; i < points; i++) {
      z[i] = (i + 1.0) / (points + 1);
      binomials[i] = new Binomial(n, z[i]);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] gammas = new double[simulations];
    double[] u = new double[n];
    for (int s = 0; s < simulations; s++) {
      for (int j = 0; j < n; j++) {
        u[j] = random.nextDouble();
      }
      Arrays.sort(u);
      double gamma = 1;
      int count = 0;
      for (int i = 0; i < points; i++) {
        while (count < n && u[count] <= z[i]) {
          count++;
        }
        gamma = Math.min(gamma, twoSided(binomials[i], count));
      }
      gammas[s] = gamma;
    }
    Arrays.sort(gammas);
    double gamma = gammas[(int) Math.floor((1 - confidence) * (simulations - 1))];
    double[] lower = new double[points];
    double[] upper = new double[points];
    for (int i = 0; i < points; i++) {
      lower[i] = binomials[i].quantile(gamma / 2) / (double) n - z[i];
      upper[i] = binomials[i].quantile(1 - gamma / 2) / (double) n - z[i];
    }
    return new EcdfBand(n, confidence, z, lower, upper);
  }

  /** A band of the default resolution: 99 points (fewer for few values), 1000 simulations. */
  public static EcdfBand of(int n, double confidence, long seed) {
    return simulate(n, confidence, Math.max(1, Math.min(99, n)), 1000, seed);
  }

  private static double twoSided(Binomial b, int count) {
    return Math.min(1, 2 * Math.min(b.cdf(count), 1 - b.cdf(count - 1)));
  }

  /** ECDF(z) - z of {@code values} at this band's points. */
  public double[] difference(double[] values) {
    return ecdfDifference(values, z);
  }

  /** ECDF(z) - z of {@code values} at the points {@code z} (ascending). */
  public static double[] ecdfDifference(double[] values, double[] z) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[z.length];
    int count = 0;
    for (int i = 0; i < z.length; i++) {
      while (count < sorted.length && sorted[count] <= z[i]) {
        count++;
      }
      out[i] = count / (double) sorted.length - z[i];
    }
    return out;
  }

  /** How many points of {@code difference} lie outside the band. */
  public int pointsOutside(double[] difference) {
    int outside = 0;
    for (int i = 0; i < z.length; i++) {
      if (difference[i] < lower[i] - 1e-12 || difference[i] > upper[i] + 1e-12) {
        outside++;
      }
    }
    return outside;
  }
}
