package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.bench.analysis.PosteriorAnalysis;
import dev.inn.core.persistence.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn analyze}: the paper's analysis of a posterior for one or more observations, as one HTML page. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Analyse the posterior of a saved model for observations y*: corner plot, what each parameter's"
        + " data determine (contraction), modes, correlations, posterior predictive check. Writes one HTML page with"
        + " PNG and SVG figures."})
final class AnalyzeCommand extends PluginCommand {

  @Inject
  AnalyzeCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Mixin
  ConsentedModel model;

  @Option(names = {"-y", "--observation"}, paramLabel = "Y",
      description = "an observation y*, comma separated (repeat for several)")
  List<String> observations = new ArrayList<>();

  @Mixin
  ObservationFileOptions observationFile = new ObservationFileOptions();

  @Option(names = "--true", paramLabel = "X",
      description = "the true parameters x* of the observations, comma separated, in the same order (optional)")
  List<String> truths = new ArrayList<>();

  @Option(names = "--test-pair", paramLabel = "K",
      description = "analyse the K-th pair (x*, y*) of the problem's test draws, with its true x* marked (1-based)")
  List<Integer> testPairs = new ArrayList<>();

  @Option(names = {"-n", "--samples"}, defaultValue = "4000", description = "posterior samples (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--predictive", defaultValue = "500",
      description = "posterior samples re-simulated for the predictive check, 0 to skip (default: ${DEFAULT-VALUE})")
  int predictive;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for index.html and figures (default: analysis)")
  Path out = Path.of("analysis");

  @Override
  public Integer call() throws Exception {
    ModelFile.Loaded loaded = model.load(plugins);
    boolean ragged = loaded.problem().observationShape().ragged();
    List<float[]> ys = new ArrayList<>();
    if (!observations.isEmpty()) {
      ObservationInput.refuseInline(loaded.problem(), "-y");
    }
    for (String o : observations) {
      ys.add(Values.parse(o, "-y"));
    }
    if (observationFile.file != null && ragged) {
      List<ObservationInput.Named> read = observationFile.read(loaded.problem());
      ObservationInput.check(read, loaded.method());
      read.forEach(o -> ys.add(o.values()));
    } else if (observationFile.file != null) {
      Matrix m = SampleFile.readCsv(observationFile.file);
      for (int i = 0; i < m.rows(); i++) {
        ys.add(m.row(i));
      }
    }
    if (!testPairs.isEmpty() && (!ys.isEmpty() || !truths.isEmpty())) {
      throw new IllegalArgumentException("--test-pair brings its own y* and x*; do not combine it with -y,"
          + " --observations or --true");
    }
    if (!testPairs.isEmpty()) {
      int last = testPairs.stream().mapToInt(Integer::intValue).max().getAsInt();
      if (testPairs.stream().anyMatch(k -> k < 1) || last > 100_000) {
        throw new IllegalArgumentException("--test-pair takes 1 to 100000, got " + testPairs);
      }
      Dataset test = loaded.problem().testSet(last, seed);
      for (int k : testPairs) {
        ys.add(dev.inn.core.observation.RaggedRows.observation(test, k - 1, loaded.problem().observationShape()));
        truths.add(String.join(",", java.util.stream.IntStream.range(0, test.x().cols())
            .mapToObj(c -> Float.toString(test.x().get(k - 1, c))).toList()));
      }
    }
    if (ys.isEmpty()) {
      throw new IllegalArgumentException("give an observation with -y v1,v2,..., a file with --observations, or"
          + " --test-pair K");
    }
    if (!truths.isEmpty() && truths.size() != ys.size()) {
      throw new IllegalArgumentException("--true was given " + truths.size() + " times for " + ys.size()
          + " observations; give one per observation, in the same order");
    }
    List<float[]> xs = new ArrayList<>();
    for (int k = 0; k < ys.size(); k++) {
      xs.add(truths.isEmpty() ? null : Values.parse(truths.get(k), "--true"));
    }
    PosteriorAnalysis analysis = new PosteriorAnalysis(loaded.problem(), loaded.method(),
        model.describe(loaded), samples, predictive, seed);
    Path page = analysis.analyse(ys, xs).write(out);
    spec.commandLine().getOut().println("analysis: " + page.toAbsolutePath());
    return 0;
  }
}
