package dev.inn.bench.metrics;

import dev.inn.api.metric.Availability;
import dev.inn.api.problem.Problem;

/** The availability rules several metrics share. */
final class Requirements {

  private Requirements() {}

  /** A simulator or a noiseless forward model, as the re-simulation metrics need. */
  static Availability simulator(Problem problem) {
    return problem.simulator().isPresent() || problem.noiselessForward().isPresent() ? Availability.yes()
        : Availability.no("needs a simulator: problem '" + problem.name() + "' has none");
  }

  /** An exact posterior or a simulator to run a reference method on, as the metrics against ground truth need. */
  static Availability groundTruth(Problem problem) {
    if (problem.exactPosterior().isPresent() || problem.simulator().isPresent()) {
      return Availability.yes();
    }
    return Availability.no("needs ground truth: problem '" + problem.name()
        + "' has neither an exact posterior nor a simulator for ABC");
  }
}
