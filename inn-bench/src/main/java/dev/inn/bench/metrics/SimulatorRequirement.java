package dev.inn.bench.metrics;

import dev.inn.api.metric.Availability;
import dev.inn.api.problem.Problem;

/** The availability rule shared by the re-simulation metrics. */
final class SimulatorRequirement {

  private SimulatorRequirement() {}

  static Availability check(Problem problem) {
    return problem.simulator().isPresent() || problem.noiselessForward().isPresent() ? Availability.yes()
        : Availability.no("needs a simulator: problem '" + problem.name() + "' has none");
  }
}
