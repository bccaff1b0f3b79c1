package dev.inn.api.method;

import java.util.List;
import java.util.Map;

/**
 * Loss curves: for each term name, its (unweighted) value at the recorded steps.
 *
 * @param steps the training step of each record
 * @param terms term name to values, one per recorded step
 */
public record TrainingHistory(List<Integer> steps, Map<String, List<Double>> terms) {

  /** No curves (a method that does not train by gradient steps, e.g. ABC). */
  public static TrainingHistory empty() {
    return new TrainingHistory(List.of(), Map.of());
  }
}
