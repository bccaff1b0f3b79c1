package dev.inn.api.problem;

import java.util.Arrays;

/**
 * A literature value of a metric on a problem, printed beside a suite's own results at the
 * same simulation budget (e.g. sbibm's C2ST of NPE at 10^4 simulations).
 *
 * @param metric the metric column it compares with, e.g. {@code "c2st"}
 * @param method the published method, e.g. {@code "NPE"}
 * @param simulations the simulation budget it was measured at
 * @param perObservation the published value for each of the problem's
 *     {@link Problem#referenceObservations() reference observations}, in their order (NaN
 *     where not published), so that a suite scored on some of them compares like with like
 * @param source a short citation, e.g. {@code "Lueckmann et al. 2021"}
 */
public record PublishedScore(String metric, String method, int simulations, double[] perObservation, String source) {

  public PublishedScore {
    perObservation = perObservation.clone();
  }

  @Override
  /** A copy of the per-observation values. */
  public double[] perObservation() {
    return perObservation.clone();
  }

  /** The mean over the first {@code count} observations (NaN entries skipped; NaN if none). */
  public double meanOfFirst(int count) {
    return Arrays.stream(perObservation, 0, Math.min(count, perObservation.length)).filter(v -> !Double.isNaN(v))
        .average().orElse(Double.NaN);
  }
}
