package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.bench.analysis.MethodDiagnosis;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.bench.sequential.SequentialValidity;
import dev.inn.bench.sequential.TruncatedPriorProblem;
import dev.inn.core.persistence.ModelFile;
import java.util.Optional;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn diagnose}: SBC, coverage, TARP and recovery of a saved model on fresh simulations. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Diagnose a saved model on test pairs (x, y) it never trained on, fresh from its problem's"
        + " simulator or, for a model trained from a data set, the held-out pairs its file keeps: SBC rank histograms"
        + " and ECDF bands, expected coverage, TARP, recovery; one HTML page with PNG and SVG figures and a verdict"
        + " each."})
final class DiagnoseCommand extends PluginCommand {

  @Inject
  DiagnoseCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Mixin
  ConsentedModel model;

  @Option(names = "--pairs", defaultValue = "300", description = "test pairs (x, y) (default: ${DEFAULT-VALUE}; a"
      + " model from a data set has at most the 500 held-out pairs its file keeps)")
  int pairs;

  @Option(names = {"-n", "--samples"}, defaultValue = "200",
      description = "posterior samples per pair (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for index.html and figures (default: diagnosis)")
  Path out = Path.of("diagnosis");

  @Override
  public Integer call() throws Exception {
    ModelFile.Loaded loaded = model.load(plugins);
    String description = model.describe(loaded);
    Problem problem = loaded.problem();
    // a sequential model holds under the prior it was trained under: its test pairs come from there
    Optional<Matrix> truncated = SequentialValidity.truncatedPrior(loaded.header().validity());
    if (truncated.isPresent()) {
      problem = new TruncatedPriorProblem(problem, truncated.get());
      String statement = SequentialValidity.statement(loaded.header().validity()).orElseThrow();
      description = description + ". " + statement.substring(0, statement.length() - 1);
    }
    Path page = new MethodDiagnosis(problem, loaded.method(), description, pairs, samples, seed).diagnose().write(out);
    spec.commandLine().getOut().println("diagnosis: " + page.toAbsolutePath());
    return 0;
  }
}
