package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.data.Matrix;
import dev.inn.core.persistence.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn sample}: posterior samples of a saved model for one observation. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Draw posterior samples x ~ q(x | y*) from a saved model; writes CSV, NPY or ArviZ"
        + " InferenceData (Zarr).")
final class SampleCommand implements Callable<Integer> {

  private final PluginLookup plugins;

  @Inject
  SampleCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }


  @Mixin
  Main.Common common;

  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
      description = "model file from 'inn train'")
  Path model;

  /** The older spelling {@code --model FILE}, still read so existing scripts keep working. */
  @Option(names = "--model", hidden = true, paramLabel = "FILE")
  Path modelOption;

  @Option(names = {"-y", "--observation"}, required = true, paramLabel = "Y",
      description = "the observation y*, comma separated, e.g. 0,1.5 (one per call)")
  List<String> observations;

  @Option(names = {"-n", "--samples"}, defaultValue = "4096", description = "samples (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "output .csv, .npy, or .zarr (an ArviZ InferenceData"
      + " folder: az.from_zarr) (default: CSV on stdout)")
  Path out;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
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
    int dx = loaded.problem().parameterDim();
    if ((long) samples * dx > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--samples " + samples + " x " + dx + " parameters do not fit in one array;"
          + " draw at most " + (Integer.MAX_VALUE - 8) / dx + " per call (or several calls with different --seed)");
    }
    int dy = loaded.problem().observationDim();
    if (observation.length != dy) {
      throw new IllegalArgumentException("the model's problem '" + loaded.header().problem() + "' has " + dy
          + " observation values " + loaded.problem().observationNames() + ", got " + observation.length);
    }
    for (String warning : loaded.method().outOfRange(observation)) {
      spec.commandLine().getErr().println("warning: " + warning + "; the samples extrapolate beyond the training data");
    }
    Matrix x = loaded.method().sample(observation, samples, seed);
    if (out == null) {
      spec.commandLine().getOut().print(SampleFile.csv(x, loaded.problem().parameterNames()));
    } else {
      if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zarr")) {
        InferenceDataZarr.write(out, x, loaded.problem().parameterNames(), observation,
            loaded.problem().observationNames());
      } else {
        SampleFile.write(out, x, loaded.problem().parameterNames());
      }
      spec.commandLine().getOut().println("wrote " + samples + " samples to " + out.toAbsolutePath());
    }
    return 0;
  }
}
