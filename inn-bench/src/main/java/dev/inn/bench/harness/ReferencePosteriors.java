package dev.inn.bench.harness;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import java.util.List;
import java.util.Optional;

/**
 * The ground-truth samples of one problem.
 *
 * @param forMetrics one reference posterior per test observation the metrics compare with
 * @param forFigures one per figure observation (empty when there is no ground truth or no figure)
 * @param firstTrainingSet the first seed's training set when a reference method already trained
 *     on it (the seed loop reuses it rather than simulate it twice)
 * @param note the report's note on the ground truth
 */
record ReferencePosteriors(List<Matrix> forMetrics, List<Matrix> forFigures, Optional<Dataset> firstTrainingSet,
    String note) {

  static ReferencePosteriors none(String note) {
    return new ReferencePosteriors(List.of(), List.of(), Optional.empty(), note);
  }
}
