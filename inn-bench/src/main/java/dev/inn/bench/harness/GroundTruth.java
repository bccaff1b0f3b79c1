package dev.inn.bench.harness;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.bench.suite.Suite;

/**
 * Where a problem's reference posteriors come from, decided before anything trains.
 *
 * @param source the kind of ground truth
 * @param description what it is, for the report ("exact posterior", "method 'abc'", ...), or
 *     why there is none
 */
record GroundTruth(Source source, String description) {

  /** The kinds of ground truth a problem can have. */
  enum Source {
    /** The problem's own exact posterior sampler. */
    EXACT,
    /** A reference method (the suite's {@code [reference] method}) trained on the problem's simulator. */
    METHOD,
    /** Reference posteriors published with the problem (sbibm), one per published observation. */
    PUBLISHED,
    /** None: the description says why. */
    NONE
  }

  static GroundTruth published(int observations) {
    return new GroundTruth(Source.PUBLISHED, "published reference posteriors of " + observations + " observations");
  }

  /** The problem's exact posterior, else the suite's reference method when the problem simulates and it is installed. */
  static GroundTruth of(PluginLookup registry, Suite suite, Problem problem) {
    if (problem.exactPosterior().isPresent()) {
      return new GroundTruth(Source.EXACT, "exact posterior");
    }
    if (problem.simulator().isEmpty()) {
      return none("problem '" + problem.name() + "' has neither an exact posterior nor a simulator");
    }
    if (!registry.all(MethodProvider.class).containsKey(suite.reference().method())) {
      return none("the reference method '" + suite.reference().method() + "' is not installed");
    }
    return new GroundTruth(Source.METHOD, "method '" + suite.reference().method() + "'");
  }

  private static GroundTruth none(String reason) {
    return new GroundTruth(Source.NONE, reason);
  }

  boolean available() {
    return source != Source.NONE;
  }

  /** The report's label of the ground truth: its description, or empty when there is none. */
  String label() {
    return available() ? description : "";
  }
}
