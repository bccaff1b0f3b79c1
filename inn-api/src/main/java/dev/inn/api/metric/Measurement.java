package dev.inn.api.metric;

import java.util.List;
import java.util.Map;

/**
 * The per-observation results of one metric for one method, able to aggregate any
 * selection of observations (with repetitions, for bootstrapping).
 */
public interface Measurement {

  /** How many test observations were measured (indices 0..count-1 may be selected). */
  int observationCount();

  /**
   * The value of each column aggregated over the observations at {@code indices}, which may
   * repeat (a bootstrap resample), in the order of {@link Metric#columns}.
   */
  double[] summarise(int[] indices);

  /**
   * Named curves for figures, e.g. {@code "q"} and {@code "q_inliers_minus_q"} of the
   * calibration metric, all measured observations pooled.
   */
  default Map<String, double[]> curves() {
    return Map.of();
  }

  /** Remarks for the report, e.g. how many simulations were invalid. */
  default List<String> notes() {
    return List.of();
  }
}
