package dev.inn.bench.harness;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.bench.suite.ProblemEntry;
import dev.inn.core.observation.RaggedRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The observations y* whose posteriors the report draws: the chosen one (or the first test
 * observation) first, then, for a 2-D x, one per distinct test observation (up to 8 modes).
 *
 * @param observations the y*, the primary one first
 * @param truths the true x* of each when known (null entries otherwise)
 */
record FigureObservations(List<float[]> observations, List<float[]> truths) {

  static FigureObservations none() {
    return new FigureObservations(List.of(), List.of());
  }

  static FigureObservations of(ProblemEntry entry, Problem problem, Dataset test) {
    List<float[]> obs = new ArrayList<>();
    List<float[]> truth = new ArrayList<>();
    Optional<float[]> chosen = entry.observation();
    if (chosen.isPresent()) {
      if (!problem.observationShape().ragged() && chosen.get().length != problem.observationDim()) {
        throw new IllegalArgumentException("problem '" + entry.label() + "': observation has " + chosen.get().length
            + " values, the problem's y has " + problem.observationDim() + " (" + problem.observationNames() + ")");
      }
      obs.add(chosen.get());
      truth.add(null);
    } else {
      obs.add(RaggedRows.observation(test, 0, problem.observationShape()));
      truth.add(test.x().row(0));
    }
    if (problem.parameterDim() == 2) {
      // one panel per distinct label (8 modes), else a few test observations
      List<float[]> distinct = new ArrayList<>();
      for (int i = 0; i < test.size() && distinct.size() <= 8; i++) {
        float[] y = RaggedRows.observation(test, i, problem.observationShape());
        if (distinct.stream().noneMatch(d -> Arrays.equals(d, y))) {
          distinct.add(y);
        }
      }
      if (distinct.size() > 8) {
        distinct = distinct.subList(0, 3);
      }
      distinct.sort((a, b) -> Arrays.compare(b, a));
      for (float[] y : distinct) {
        if (obs.stream().noneMatch(o -> Arrays.equals(o, y))) {
          obs.add(y);
          truth.add(null);
        }
      }
    }
    return new FigureObservations(obs, truth);
  }

  boolean isEmpty() {
    return observations.isEmpty();
  }
}
