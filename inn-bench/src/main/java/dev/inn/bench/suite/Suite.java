package dev.inn.bench.suite;

import java.util.List;

/**
 * A benchmark suite as read from TOML: every problem x method x seed is trained and evaluated
 * on the same test set with the same metrics. Immutable; plugin settings are already resolved
 * against the plugins' defaults.
 *
 * @param name suite name (used in the results folder name)
 * @param description one line for the report
 * @param seeds training seeds; every method is trained once per seed
 * @param trainSize training pairs drawn per seed (a problem may override it)
 * @param testSize test observations per problem
 * @param samples posterior samples per test observation
 * @param testSeed seed of the test set (shared by all methods and seeds)
 * @param bootstrap bootstrap resamples for the uncertainties of table values
 * @param problems the problems
 * @param methods the methods (each optionally restricted to some problems)
 * @param metrics the metrics, in table column order
 * @param reference how ground-truth posteriors are obtained
 * @param figures figure options
 * @param source where the suite came from (file path or {@code resource:<name>})
 */
public record Suite(String name, String description, List<Long> seeds, int trainSize, int testSize, int samples,
    long testSeed, int bootstrap, List<ProblemEntry> problems, List<MethodEntry> methods, List<MetricEntry> metrics,
    ReferenceOptions reference, FigureOptions figures, String source) {

  public Suite {
    seeds = List.copyOf(seeds);
    problems = List.copyOf(problems);
    methods = List.copyOf(methods);
    metrics = List.copyOf(metrics);
  }

  /** This suite trained with a single seed instead (the command line's {@code --seed}). */
  public Suite withSeed(long seed) {
    return new Suite(name, description, List.of(seed), trainSize, testSize, samples, testSeed, bootstrap, problems,
        methods, metrics, reference, figures, source);
  }

  /** The methods that run on the problem labelled {@code problemLabel}. */
  public List<MethodEntry> methodsFor(String problemLabel) {
    return methods.stream().filter(m -> m.problems().isEmpty() || m.problems().contains(problemLabel)).toList();
  }
}
