package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.data.Matrix;
import dev.inn.core.persistence.ModelFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn sample}: posterior samples of a saved model for one observation. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Draw posterior samples x ~ q(x | y*) from a saved model; writes CSV, NPY or ArviZ"
        + " InferenceData (Zarr).")
final class SampleCommand extends PluginCommand {

  @Inject
  SampleCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Mixin
  OutputGuard outputGuard;

  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
      description = "model file from 'inn train'")
  Path model;

  /** The older spelling {@code --model FILE}, still read so existing scripts keep working. */
  @Option(names = "--model", hidden = true, paramLabel = "FILE")
  Path modelOption;

  @Option(names = {"-y", "--observation"}, paramLabel = "Y",
      description = "the observation y*, comma separated, e.g. 0,1.5 (one per call)")
  List<String> observations = new java.util.ArrayList<>();

  @picocli.CommandLine.Mixin
  ObservationFileOptions observationFile = new ObservationFileOptions();

  @Option(names = "--row", paramLabel = "K", description = "which observation of --observations to sample (0-based;"
      + " needed when the file holds several)")
  Integer row;

  @Option(names = {"-n", "--samples"}, defaultValue = "4096", description = "samples (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "output .csv, .npy, or .zarr (an ArviZ InferenceData"
      + " folder: az.from_zarr) (default: CSV on stdout)")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (observationFile.file != null) {
      return sampleFromFile();
    }
    if (observations.size() != 1) {
      throw new IllegalArgumentException("-y was given " + observations.size() + " times; sample one observation per"
          + " call (its values comma separated, e.g. -y 0,1.5)");
    }
    if (model != null && modelOption != null) {
      throw new IllegalArgumentException("give the model once: inn sample MODEL -y ...");
    }
    if (model == null && modelOption == null) {
      throw new IllegalArgumentException("name the model file: inn sample MODEL -y ...");
    }
    Path model = this.model != null ? this.model : modelOption;
    float[] observation = Values.parse(observations.get(0), "-y");
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    ModelFile.Loaded loaded = ModelFile.load(model, plugins);
    ObservationInput.refuseInline(loaded.problem(), "-y");
    int dx = loaded.problem().parameterDim();
    if ((long) samples * dx > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--samples " + samples + " x " + dx + " parameters do not fit in one array;"
          + " draw at most " + (Integer.MAX_VALUE - 8) / dx + " per call (or several calls with different --seed)");
    }
    outputGuard.check(out, "a samples file of parameters " + loaded.problem().parameterNames(),
        f -> isSamples(f, loaded.problem().parameterNames()), java.util.List.of(model));
    int dy = loaded.problem().observationDim();
    if (observation.length != dy) {
      throw new IllegalArgumentException("the model's problem '" + loaded.header().problem() + "' has " + dy
          + " observation values " + loaded.problem().observationNames() + ", got " + observation.length);
    }
    write(loaded, observation);
    return 0;
  }

  /** A set or sequence from a file: the one it holds, or the one --row picks. */
  private int sampleFromFile() throws Exception {
    if (!observations.isEmpty()) {
      throw new IllegalArgumentException("give the observation once: -y for a vector, or --observations FILE");
    }
    Path model = this.model != null ? this.model : modelOption;
    if (model == null || (this.model != null && modelOption != null)) {
      throw new IllegalArgumentException("name the model file once: inn sample MODEL --observations FILE");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    ModelFile.Loaded loaded = ModelFile.load(model, plugins);
    outputGuard.check(out, "a samples file of parameters " + loaded.problem().parameterNames(),
        f -> isSamples(f, loaded.problem().parameterNames()), java.util.Arrays.asList(model, observationFile.file));
    if (!loaded.problem().observationShape().ragged()) {
      throw new IllegalArgumentException("the model's problem '" + loaded.header().problem() + "' observes a "
          + loaded.problem().observationShape().describe() + "; give it with -y v1,v2,...");
    }
    List<ObservationInput.Named> all = observationFile.read(loaded.problem());
    if (row == null && all.size() != 1) {
      throw new IllegalArgumentException(observationFile.file + " holds " + all.size() + " observations; pick one with"
          + " --row K (0 to " + (all.size() - 1) + ")");
    }
    int k = row == null ? 0 : row;
    if (k < 0 || k >= all.size()) {
      throw new IllegalArgumentException("--row " + k + " is not among the " + all.size() + " observations of "
          + observationFile.file);
    }
    ObservationInput.check(List.of(all.get(k)), loaded.method());
    write(loaded, all.get(k).values());
    return 0;
  }

  private void write(ModelFile.Loaded loaded, float[] observation) throws Exception {
    for (String warning : loaded.method().outOfRange(observation)) {
      spec.commandLine().getErr().println("warning: " + warning + "; the samples extrapolate beyond the training data");
    }
    dev.inn.bench.sequential.SequentialValidity.otherObservation(loaded.header().validity(), observation)
        .ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
    Matrix x = loaded.method().sample(observation, samples, seed);
    dev.inn.core.training.SampleHealth.outsideSupport(x, loaded.problem().support())
        .ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
    if (out == null) {
      spec.commandLine().getOut().print(SampleFile.csv(x, loaded.problem().parameterNames()));
    } else {
      if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zarr")) {
        InferenceDataZarr.write(out, x, loaded.problem().parameterNames(), observation,
            valueNames(loaded.problem().observationNames(), observation.length));
      } else {
        SampleFile.write(out, x, loaded.problem().parameterNames());
      }
      spec.commandLine().getOut().println("wrote " + samples + " samples to " + out.toAbsolutePath());
    }
  }

  /** One name per value: the problem's names for a vector, name[element] for a set's or sequence's values. */
  private static List<String> valueNames(List<String> names, int values) {
    if (values == names.size()) {
      return names;
    }
    List<String> out = new java.util.ArrayList<>();
    for (int k = 0; k < values; k++) {
      out.add(names.get(k % names.size()) + "[" + k / names.size() + "]");
    }
    return out;
  }

  /** An earlier output of this command for the same parameters. */
  private static boolean isSamples(Path f, List<String> names) {
    String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".zarr")) {
      return java.nio.file.Files.exists(f.resolve(".zgroup"));
    }
    if (n.endsWith(".npy")) {
      try {
        return dev.inn.problems.dataset.NpyReader.read(f).cols() == names.size();
      } catch (RuntimeException e) {
        return false;
      }
    }
    return OutputGuard.startsWithLine(f, String.join(",", names));
  }
}
