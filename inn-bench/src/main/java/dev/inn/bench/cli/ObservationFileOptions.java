package dev.inn.bench.cli;

import dev.inn.api.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that name a file of observations, shared by the commands that take one. */
final class ObservationFileOptions {

  @Option(names = "--observations", paramLabel = "FILE", description = "a file of observations: for sets and"
      + " sequences .npy of padded rows (with --lengths) or long-form .csv (one line per element, --id-column);"
      + " 'analyze' also takes a .csv of observation vectors, one per row (a header line is skipped)")
  Path file;

  @Option(names = "--lengths", paramLabel = "FILE", description = "1-D .npy of each row's number of elements")
  Path lengths;

  @Option(names = "--id-column", defaultValue = "id", description = "observation id column of a long-form .csv"
      + " (default: ${DEFAULT-VALUE})")
  String idColumn;

  /** The observations of the file, checked against the problem's shape. */
  List<ObservationInput.Named> read(Problem problem) {
    return ObservationInput.read(file, lengths, idColumn, problem);
  }
}
