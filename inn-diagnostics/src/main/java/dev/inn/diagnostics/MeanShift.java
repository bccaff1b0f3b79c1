package dev.inn.diagnostics;

/**
 * Gaussian mean-shift on points held row-major in one array: the climb both the mode count
 * ({@link Modes}) and the MAP estimate of the metrics use.
 */
public final class MeanShift {

  /**
   * Where a climb ended.
   *
   * @param mode the point reached
   * @param logDensity log of the unnormalised kernel density at the last point the climb moved from
   */
  public record Climb(double[] mode, double logDensity) {}

  private MeanShift() {}

  /**
   * Climbs from {@code start} over the {@code n} points of width {@code d} in {@code z} until a
   * step is shorter than {@code sqrt(tolerance)} bandwidths or {@code maxIterations} have run.
   */
  public static Climb climb(double[] z, int n, int d, double[] start, double bandwidth, int maxIterations,
      double tolerance) {
    double inv2h2 = 1 / (2 * bandwidth * bandwidth);
    double[] m = start;
    double[] dist = new double[n];
    double logDensity = 0;
    for (int it = 0; it < maxIterations; it++) {
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          double diff = z[i * d + c] - m[c];
          s += diff * diff;
        }
        dist[i] = s;
        min = Math.min(min, s);
      }
      double total = 0;
      double[] next = new double[d];
      for (int i = 0; i < n; i++) {
        // relative to the nearest point, so a start far out does not underflow to 0 / 0
        double w = Math.exp(-(dist[i] - min) * inv2h2);
        total += w;
        for (int c = 0; c < d; c++) {
          next[c] += w * z[i * d + c];
        }
      }
      logDensity = Math.log(total) - min * inv2h2;
      double shift = 0;
      for (int c = 0; c < d; c++) {
        next[c] /= total;
        shift += (next[c] - m[c]) * (next[c] - m[c]);
      }
      m = next;
      if (shift < tolerance * bandwidth * bandwidth) {
        break;
      }
    }
    return new Climb(m, logDensity);
  }
}
