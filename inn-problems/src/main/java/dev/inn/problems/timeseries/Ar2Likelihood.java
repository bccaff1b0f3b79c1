package dev.inn.problems.timeseries;

/**
 * The stationary zero-mean AR(2) process y_t = phi1 y_{t-1} + phi2 y_{t-2} + sigma e_t in its
 * partial-autocorrelation parameters: phi1 = r1 (1 - r2), phi2 = r2 (the Durbin-Levinson
 * recursion), which maps the box |r1|, |r2| &lt; 1 one to one onto the stationarity triangle.
 * The first two values come from the stationary distribution (variance sigma^2 / ((1 - r1^2)
 * (1 - r2^2)), lag-one correlation r1), so the likelihood below is exact, not conditional.
 */
public final class Ar2Likelihood {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private Ar2Likelihood() {}

  /** The stationary variance gamma_0 of the process. */
  public static double stationaryVariance(double r1, double r2, double sigma) {
    return sigma * sigma / ((1 - r1 * r1) * (1 - r2 * r2));
  }

  /**
   * log p(y_0..y_{length-1} | r1, r2, sigma) for the first {@code length} values of {@code y};
   * negative infinity outside the stationary region or for sigma &lt;= 0.
   */
  public static double logLikelihood(double r1, double r2, double sigma, float[] y, int length) {
    if (!(Math.abs(r1) < 1 && Math.abs(r2) < 1 && sigma > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double phi1 = r1 * (1 - r2);
    double phi2 = r2;
    double var0 = stationaryVariance(r1, r2, sigma);
    double lp = -0.5 * (LOG_2PI + Math.log(var0) + y[0] * (double) y[0] / var0);
    if (length == 1) {
      return lp;
    }
    double var1 = var0 * (1 - r1 * r1);
    double e1 = y[1] - r1 * (double) y[0];
    lp += -0.5 * (LOG_2PI + Math.log(var1) + e1 * e1 / var1);
    double squares = 0;
    for (int t = 2; t < length; t++) {
      double e = y[t] - phi1 * y[t - 1] - phi2 * y[t - 2];
      squares += e * e;
    }
    double variance = sigma * sigma;
    return lp - 0.5 * ((length - 2) * (LOG_2PI + Math.log(variance)) + squares / variance);
  }

  /** Writes {@code length} values of a stationary path, drawing standard normals from {@code noise}. */
  static void simulate(double r1, double r2, double sigma, java.util.function.DoubleSupplier noise, double[] y,
      int length) {
    double sd0 = Math.sqrt(stationaryVariance(r1, r2, sigma));
    y[0] = sd0 * noise.getAsDouble();
    if (length > 1) {
      y[1] = r1 * y[0] + sd0 * Math.sqrt(1 - r1 * r1) * noise.getAsDouble();
    }
    double phi1 = r1 * (1 - r2);
    for (int t = 2; t < length; t++) {
      y[t] = phi1 * y[t - 1] + r2 * y[t - 2] + sigma * noise.getAsDouble();
    }
  }
}
