package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import dev.inn.bench.metrics.C2st;
import dev.inn.bench.metrics.C2stOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn c2st REFERENCE SAMPLES}: sbibm's classifier two-sample test between two sample CSVs. */
@Command(name = "c2st", mixinStandardHelpOptions = true,
    description = "Classifier two-sample test (sbibm's C2ST) between two CSV sample files (.csv or .csv.gz, "
        + "optional header); prints the accuracy: 0.5 = indistinguishable, 1.0 = separable.")
final class C2stCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "REFERENCE", description = "reference samples (define the z-scoring)")
  Path reference;

  @Parameters(index = "1", paramLabel = "SAMPLES", description = "samples to test against the reference")
  Path samples;

  @Option(names = "--samples", defaultValue = "10000", description = "cap on rows per file (default: ${DEFAULT-VALUE})")
  int maxSamples;

  @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--max-epochs", defaultValue = "1000", description = "epoch cap per fold (default: ${DEFAULT-VALUE})")
  int maxEpochs;

  @Option(names = "--no-z-score", description = "skip standardising with the reference's mean and sd")
  boolean noZScore;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--verbose", description = "show stack traces of errors")
  boolean verbose;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Matrix r = SampleFile.readCsv(reference);
    Matrix q = SampleFile.readCsv(samples);
    C2stOptions options = C2stOptions.sbibm().withMaxSamples(maxSamples).withFolds(folds).withMaxEpochs(maxEpochs)
        .withZScore(!noZScore);
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "%.4f", C2st.score(r, q, options, seed)));
    return 0;
  }
}
