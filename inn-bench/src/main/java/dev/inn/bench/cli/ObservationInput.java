package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.core.observation.RaggedRows;
import dev.inn.problems.dataset.RaggedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observations given to {@code sample} and {@code analyze} for a problem whose observations are
 * sets or sequences: read from a file (NPY padded rows with a lengths file, or long-form CSV
 * with an id column, see docs/raw-observations.md) and checked against the model before any
 * sampling, each error naming the observation and the element.
 */
final class ObservationInput {

  private ObservationInput() {}

  /**
   * One observation: its name in the file and its elements one after the other.
   *
   * @param name e.g. "row 3" or "id 17"
   * @param values element-major values, as many elements as it has
   */
  record Named(String name, float[] values) {}

  /** Refuses an inline comma-separated vector where the problem observes a set or sequence. */
  static void refuseInline(Problem problem, String option) {
    if (problem.observationShape().ragged()) {
      throw new IllegalArgumentException("problem '" + problem.name() + "' observes a "
          + problem.observationShape().describe() + " " + problem.observationNames() + ", not a vector: give it as a"
          + " file with --observations FILE (.npy of padded rows with --lengths FILE, or a long-form .csv with one"
          + " line per element and an id column), not with " + option);
    }
  }

  /** The observations of {@code file} for {@code problem}, whose observations are sets or sequences. */
  static List<Named> read(Path file, Path lengths, String idColumn, Problem problem) {
    ObservationShape shape = problem.observationShape();
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    RaggedData.Observations obs;
    if (lower.endsWith(".npy")) {
      if (lengths == null) {
        throw new IllegalArgumentException(file + ": an .npy file of " + RaggedRows.elementName(shape) + "s needs"
            + " --lengths FILE, a 1-D .npy of each row's number of " + RaggedRows.elementName(shape) + "s");
      }
      obs = RaggedData.readNpy(file, lengths, shape);
    } else if (lower.endsWith(".csv")) {
      if (lengths != null) {
        throw new IllegalArgumentException("--lengths goes with an .npy file; a long-form .csv has one line per "
            + RaggedRows.elementName(shape) + " and an id column (--id-column) instead");
      }
      obs = RaggedData.readLongCsv(file, idColumn, List.of(), problem.observationNames()).y();
    } else {
      throw new IllegalArgumentException(file + ": observations of a " + shape.describe() + " are read from .npy"
          + " (with --lengths) or long-form .csv files");
    }
    List<Named> out = new ArrayList<>();
    Matrix padded = obs.padded();
    for (int i = 0; i < padded.rows(); i++) {
      float[] values = java.util.Arrays.copyOf(padded.row(i), obs.lengths()[i] * shape.elementWidth());
      String name = "observation " + obs.ids().get(i) + " of " + file.getFileName();
      RaggedRows.checkOne(name, values, shape, 1);
      out.add(new Named(name, values));
    }
    return out;
  }

  /**
   * Runs every observation through the method's own input check (the summary network's minimum
   * length among them) before anything is sampled; an error names the observation.
   */
  static void check(List<Named> observations, PosteriorMethod method) {
    for (Named o : observations) {
      try {
        method.outOfRange(o.values());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(o.name() + ": " + e.getMessage(), e);
      }
    }
  }
}
