package dev.inn.api.metric;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.List;

/**
 * A quality measure of posterior samples (e.g. {@code calibration}, {@code posterior-resim}),
 * computed from samples only so that every method is judged by the same code. Registered in
 * {@code META-INF/services/dev.inn.api.metric.Metric} and found by {@link #name()}.
 *
 * <p>A metric works in two steps so that the harness can bootstrap over test observations
 * cheaply: {@link #measure} does the expensive per-observation work once (mean-shift,
 * simulation, sorting), and the returned {@link Measurement} aggregates any (re)selection of
 * observations.
 */
public interface Metric extends Plugin {

  /**
   * Whether this metric can be computed for {@code problem}; when not, the reason is shown
   * as "n/a" in tables (e.g. "needs a simulator: dataset problems have none").
   *
   * @param settings the metric's resolved settings
   * @return by default available for every problem (a metric of the samples and the true x alone)
   */
  default Availability availability(Problem problem, Settings settings) {
    return Availability.yes();
  }

  /**
   * The snake_case result columns for {@code problem}, e.g. {@code resim_mean} and
   * {@code resim_median}, known before measuring so that unavailable metrics still get their
   * columns (filled with "n/a").
   *
   * @param settings the metric's resolved settings
   */
  List<String> columns(Problem problem, Settings settings);

  /**
   * True when the metric compares against ground-truth posterior samples
   * ({@link MetricInput#references()}), which the harness then provides (exact posterior or ABC).
   */
  default boolean needsReference() {
    return false;
  }

  /**
   * The per-observation work for one method's posteriors.
   *
   * @param settings the metric's resolved settings
   */
  Measurement measure(MetricInput input, Settings settings);
}
