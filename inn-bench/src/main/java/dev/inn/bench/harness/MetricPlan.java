package dev.inn.bench.harness;

import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Metric;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.bench.suite.MetricEntry;
import dev.inn.bench.suite.Suite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a suite's metrics a problem gets, decided once per problem before any method trains.
 *
 * @param metrics every metric of the suite, in suite order
 * @param unavailable the metrics that do not apply, with the reason each row shows
 * @param columns the report columns, in table order (the first metric to name a column owns it)
 * @param columnMetric for each column, what produced it
 */
record MetricPlan(Map<MetricEntry, Metric> metrics, Map<MetricEntry, String> unavailable, List<String> columns,
    Map<String, String> columnMetric) {

  /** The report column of the summary-space misspecification check (sets and sequences). */
  static final String MISFIT_COLUMN = "flagged misspecified (%)";

  static MetricPlan of(PluginLookup registry, Suite suite, Problem problem, GroundTruth groundTruth) {
    Map<MetricEntry, Metric> metrics = new LinkedHashMap<>();
    Map<MetricEntry, String> unavailable = new LinkedHashMap<>();
    for (MetricEntry m : suite.metrics()) {
      Metric metric = registry.find(Metric.class, m.plugin());
      metrics.put(m, metric);
      Availability a = metric.availability(problem, m.settings());
      if (!a.available()) {
        unavailable.put(m, a.reason());
      } else if (metric.needsReference() && !groundTruth.available()) {
        unavailable.put(m, "no ground truth: " + groundTruth.description());
      } else if (metric.needsReference() && suite.reference().observations() == 0) {
        unavailable.put(m, "no ground truth: reference.observations = 0");
      }
    }
    List<String> columns = new ArrayList<>();
    Map<String, String> columnMetric = new LinkedHashMap<>();
    for (Map.Entry<MetricEntry, Metric> e : metrics.entrySet()) {
      for (String c : e.getValue().columns(problem, e.getKey().settings())) {
        if (columnMetric.putIfAbsent(c, e.getKey().plugin()) == null) {
          columns.add(c);
        }
      }
    }
    if (problem.observationShape().ragged()) {
      // sets and sequences: the share of test observations the summary-space check flags
      columns.add(MISFIT_COLUMN);
      columnMetric.put(MISFIT_COLUMN, "misspecification check");
    }
    return new MetricPlan(metrics, unavailable, columns, columnMetric);
  }

  /** The report's notes on the metrics that do not apply. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    unavailable.forEach((m, reason) -> notes.add(m.plugin() + ": n/a (" + reason + ")"));
    return notes;
  }

  /** True when an applicable metric compares with reference posteriors. */
  boolean needsReferences() {
    return metrics.entrySet().stream().anyMatch(e -> e.getValue().needsReference() && !unavailable.containsKey(e.getKey()));
  }
}
