package dev.inn.bench.harness;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.bench.suite.ProblemEntry;
import java.util.List;
import java.util.Map;

/**
 * Results of all methods on one problem.
 *
 * @param entry the suite's problem entry
 * @param problem the problem instance
 * @param columns all metric columns, in table order
 * @param columnMetric for each column, the metric that produced it
 * @param perSeed one result per (method, seed)
 * @param summary one row per method: column to value, aggregated over seeds
 * @param figureObservations the y* of the posterior figures (the first is the primary one)
 * @param figureTruth the true x* of each figure observation when known (null entries otherwise)
 * @param references ground-truth samples for each figure observation (empty when none)
 * @param referenceLabel what the ground truth is ("exact posterior", "ABC", or empty)
 * @param priorSamples draws of x from the prior (or the data set) for marginal figures
 * @param notes remarks for the report (ground truth, unavailable metrics, skipped figures)
 */
public record ProblemResults(ProblemEntry entry, Problem problem, List<String> columns, Map<String, String> columnMetric,
    List<MethodResults> perSeed, Map<String, Map<String, Cell>> summary, List<float[]> figureObservations,
    List<float[]> figureTruth, List<Matrix> references, String referenceLabel, Matrix priorSamples, List<String> notes) {}
