package dev.inn.baselines.abc;

/**
 * What one ABC posterior cost.
 *
 * @param mode the scheme used
 * @param accepted samples returned
 * @param simulations forward simulations run (including invalid ones)
 * @param invalidSimulations simulations whose forward process was undefined (never accepted)
 * @param maxAcceptedDistance the largest ||s(x) - y*|| among the accepted samples
 * @param seconds wall-clock time
 */
public record AbcRunStats(AbcMode mode, int accepted, long simulations, long invalidSimulations,
    double maxAcceptedDistance, double seconds) {

  /** accepted / simulations. */
  public double acceptanceRate() {
    return simulations == 0 ? 0 : (double) accepted / simulations;
  }

  /** simulations per second of wall-clock time. */
  public double simulationsPerSecond() {
    return seconds > 0 ? simulations / seconds : Double.NaN;
  }
}
