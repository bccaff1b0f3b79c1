package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.core.persistence.AtomicFile;
import dev.inn.core.persistence.ModelFile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn log-prob}: the posterior log density log q(x | y*) of given parameter vectors. */
@Command(name = "log-prob", mixinStandardHelpOptions = true,
    description = {"The posterior log density log q(x | y*) of a saved model at given parameters x (one per row of"
        + " --params), for methods that have a density (cinn; the inn and the baselines only draw samples). Writes a CSV column log_prob, in the units of x; outside the prior's support -Infinity."})
final class LogProbCommand extends PluginCommand {

  @Inject
  LogProbCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Mixin
  OutputGuard outputGuard;

  @Parameters(index = "0", paramLabel = "MODEL", description = "model file from 'inn train'")
  Path model;

  @Option(names = {"-y", "--observation"}, required = true, paramLabel = "Y",
      description = "the observation y*, comma separated")
  String observation;

  @Option(names = "--params", required = true, paramLabel = "FILE",
      description = "CSV of parameter vectors, one per row, the model's parameters in order (a header line is skipped)")
  Path params;

  @Option(names = "--out", paramLabel = "FILE", description = "output CSV (default: stdout)")
  Path out;

  @Override
  public Integer call() throws Exception {
    float[] y = Values.parse(observation, "-y");
    Matrix x = SampleFile.readCsv(params);
    ModelFile.Loaded loaded = ModelFile.load(model, plugins);
    if (!(loaded.method() instanceof PosteriorDensity density)) {
      throw new IllegalArgumentException("method '" + loaded.header().method() + "' of " + model + " draws samples"
          + " but has no density; train with --method cinn for log-prob");
    }
    int dy = loaded.problem().observationDim();
    if (y.length != dy) {
      throw new IllegalArgumentException("the model's problem '" + loaded.header().problem() + "' has " + dy
          + " observation values " + loaded.problem().observationNames() + ", got " + y.length);
    }
    int dx = loaded.problem().parameterDim();
    if (x.cols() != dx) {
      throw new IllegalArgumentException(params + " has " + x.cols() + " columns; the model's parameters are " + dx
          + " " + loaded.problem().parameterNames());
    }
    for (String warning : loaded.method().outOfRange(y)) {
      spec.commandLine().getErr().println("warning: " + warning + "; the density extrapolates beyond the training data");
    }
    outputGuard.check(out, "a log_prob CSV", f -> OutputGuard.startsWithLine(f, "log_prob"), java.util.List.of(model, params));
    double[] logq = density.logDensity(y, x);
    StringBuilder csv = new StringBuilder("log_prob\n");
    for (double v : logq) {
      csv.append(v).append('\n');
    }
    if (out == null) {
      spec.commandLine().getOut().print(csv);
    } else {
      AtomicFile.refuseNonRegular(out, "log densities");
      AtomicFile.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getOut().println("wrote " + logq.length + " log densities to " + out.toAbsolutePath());
    }
    return 0;
  }
}
