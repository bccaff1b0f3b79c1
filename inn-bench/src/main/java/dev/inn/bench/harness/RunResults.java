package dev.inn.bench.harness;

import dev.inn.bench.suite.Suite;
import java.time.Instant;
import java.util.List;

/**
 * The results of a whole suite run.
 *
 * @param suite the suite that ran
 * @param problems results per problem
 * @param started when the run started
 * @param seconds total wall time
 * @param failures one message per (problem, method, seed) run that failed; their rows are marked
 */
public record RunResults(Suite suite, List<ProblemResults> problems, Instant started, double seconds,
    List<String> failures) {

  public RunResults {
    failures = List.copyOf(failures);
  }
}
