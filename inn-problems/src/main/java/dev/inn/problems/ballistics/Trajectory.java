package dev.inn.problems.ballistics;

/**
 * The closed-form trajectory of a projectile with linear drag (Kruse et al. 2021) and its
 * landing point. With c = g m + k v0 sin(a) and E(t) = exp(-k t / m) - 1:
 * px(t) = x0 - v0 cos(a) (m/k) E(t), py(t) = h0 - (m/k^2) (c E(t) + g k t).
 * py'(t) = (c/k) e^{-kt/m} - g m / k has at most one zero, so py rises to one peak (or none)
 * and then falls monotonically: the descending root is unique and found by a bracket and
 * safeguarded Newton steps.
 */
public final class Trajectory {

  public static final double G = 9.81;
  public static final double K = 0.25;
  public static final double M = 0.2;

  private static final double RATE = K / M;
  private static final int MAX_ITERATIONS = 200;

  private Trajectory() {
  }

  /** Horizontal position at time t. */
  public static double px(double x0, double angle, double v0, double t) {
    return x0 - v0 * Math.cos(angle) * (M / K) * Math.expm1(-RATE * t);
  }

  /** Height at time t. */
  public static double py(double h0, double angle, double v0, double t) {
    double c = G * M + v0 * Math.sin(angle) * K;
    return h0 - (M / (K * K)) * (c * Math.expm1(-RATE * t) + G * K * t);
  }

  private static double dpy(double c, double t) {
    return (c / K) * Math.exp(-RATE * t) - G * M / K;
  }

  /**
   * The time at which the descending trajectory reaches py = 0, or NaN when it never does:
   * non-finite input, or a peak that is not above the ground (e.g. at rest on the ground,
   * h0 = 0 and v0 = 0, or started below it and never rising to it).
   */
  public static double landingTime(double h0, double angle, double v0) {
    if (!Double.isFinite(h0) || !Double.isFinite(angle) || !Double.isFinite(v0)) {
      return Double.NaN;
    }
    double c = G * M + v0 * Math.sin(angle) * K;
    // peak where py' = 0: exp(-RATE t) = G M / c
    double tPeak = c > G * M ? Math.log(c / (G * M)) / RATE : 0.0;
    double peak = py(h0, angle, v0, tPeak);
    if (!(peak > 0)) {
      return Double.NaN;
    }
    // bracket [lo, hi] with py(lo) > 0 >= py(hi); py falls at least at the terminal speed
    double lo = tPeak;
    double hi = tPeak + Math.max(1e-3, peak / (G * M / K));
    int doublings = 0;
    while (py(h0, angle, v0, hi) > 0) {
      lo = hi;
      hi = tPeak + 2 * (hi - tPeak);
      if (++doublings > 200) {
        return Double.NaN;
      }
    }
    double t = 0.5 * (lo + hi);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double f = py(h0, angle, v0, t);
      if (f == 0) {
        return t;
      }
      if (f > 0) {
        lo = t;
      } else {
        hi = t;
      }
      double d = dpy(c, t);
      double next = t - f / d;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - t) <= 1e-13 * Math.max(1.0, t) || hi - lo <= 1e-13 * Math.max(1.0, t)) {
        return next;
      }
      t = next;
    }
    return t;
  }

  /** The landing position x, or NaN when the trajectory never lands (see {@link #landingTime}). */
  public static double landingPosition(double x0, double h0, double angle, double v0) {
    double t = landingTime(h0, angle, v0);
    return Double.isNaN(t) || !Double.isFinite(x0) ? Double.NaN : px(x0, angle, v0, t);
  }
}
