package dev.inn.bench.cli;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.settings.Settings;
import dev.inn.bench.sequential.SequentialConfig;
import dev.inn.bench.sequential.SequentialInference;
import dev.inn.core.persistence.ModelFile;
import dev.inn.core.plugin.PluginRegistry;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn infer}: sequential posterior estimation for one observation with a simulation budget. */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Estimate the posterior of one observation with a simulation budget spent in rounds, each"
        + " simulating where the previous round's posterior puts its mass (truncated sequential NPE); writes a model"
        + " file valid for that observation.")
public class InferCommand implements Callable<Integer> {

  private PluginLookup plugins;

  @Inject
  InferCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }

  /** For a variant that sets its plugins with {@link #usePlugins} once the options are parsed. */
  protected InferCommand() {
  }

  /** The plugins the problem and method are looked up in. */
  protected final void usePlugins(PluginLookup lookup) {
    this.plugins = lookup;
  }

  /** The {@code --plugins} option, or null. */
  protected final Path pluginsOption() {
    return common.plugins;
  }

  /** The simulator the rounds use; null (here) for the problem's own. */
  protected Simulator simulator(String problemName, Settings problemSettings, Problem problem) {
    return null;
  }

  @Mixin
  Main.Common common;

  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PROBLEM",
      description = "problem name (see 'inn list'); it needs a prior and a simulator")
  String problem;

  /** The option spelling {@code --problem NAME}, read as in 'inn train'. */
  @Option(names = "--problem", hidden = true, paramLabel = "PROBLEM")
  String problemOption;

  @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE", description = "a problem setting, as for"
      + " 'inn train'")
  List<String> problemSettings = new ArrayList<>();

  @Option(names = "--method", defaultValue = "cinn", description = "a method with a posterior density (default:"
      + " ${DEFAULT-VALUE})")
  String method;

  @Option(names = {"-m", "--method-setting"}, paramLabel = "KEY=VALUE", description = "a method setting, as for"
      + " 'inn train'")
  List<String> methodSettings = new ArrayList<>();

  @Option(names = {"-y", "--observation"}, paramLabel = "Y", description = "the observation y*, comma separated")
  String observation;

  @Option(names = "--reference", paramLabel = "K", description = "instead of -y: the problem's reference observation"
      + " K (1-based, e.g. an sbibm task's official observation)")
  Integer reference;

  @Option(names = "--budget", required = true, description = "simulations in all, counted and never exceeded")
  long budget;

  @Option(names = "--rounds", defaultValue = "" + SequentialConfig.DEFAULT_ROUNDS, description = "rounds the budget is split into (default:"
      + " ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--quantile", defaultValue = "" + SequentialConfig.DEFAULT_QUANTILE, description = "share of the posterior estimate's own samples"
      + " that may fall outside the truncated prior (default: ${DEFAULT-VALUE})")
  double quantile;

  @Option(names = "--all-pairs", description = "train each round's model on every pair so far, not only on those"
      + " inside the round's truncated region (plain TSNPE)")
  boolean allPairs;

  @Option(names = "--seed", defaultValue = "1", description = "seed of proposals, simulations and training (default:"
      + " ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", description = "the rounds' simulation store; an interrupted run is"
      + " resumed from it by the same command (default: FILE.rounds next to --out)")
  Path work;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((observation == null) == (reference == null)) {
      throw new IllegalArgumentException("give the observation with -y VALUES or --reference K (one of them)");
    }
    SequentialConfig config = SequentialConfig.of(budget, rounds, quantile).withAllPairs(allPairs);
    ModelFile.checkWritable(out);
    if (problem != null && problemOption != null && !problem.equals(problemOption)) {
      throw new IllegalArgumentException("the problem is named twice ('" + problem + "' and --problem '"
          + problemOption + "'); give it once: inn infer PROBLEM ...");
    }
    if (problem == null) {
      problem = problemOption;
    }
    if (problem == null) {
      throw new IllegalArgumentException("name the problem: inn infer PROBLEM --budget N ...");
    }
    ProblemProvider pp = plugins.find(ProblemProvider.class, problem);
    MethodProvider mp = plugins.find(MethodProvider.class, method);
    Settings ps = PluginRegistry.checkedSettings(pp, "problem", SettingArguments.parse(problemSettings,
        "--problem-setting"));
    Settings ms = PluginRegistry.checkedSettings(mp, "method", SettingArguments.parse(methodSettings, "--method-setting"));
    Problem p = pp.create(ps);
    float[] y;
    if (reference != null) {
      List<ReferenceObservation> refs = p.referenceObservations();
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("problem '" + problem + "' has no reference observations; give -y");
      }
      if (reference < 1 || reference > refs.size()) {
        throw new IllegalArgumentException("--reference " + reference + ": problem '" + problem + "' has reference"
            + " observations 1.." + refs.size());
      }
      y = refs.get(reference - 1).observation();
    } else {
      y = Values.parse(observation, "-y");
    }
    Path folder = work != null ? work : out.toAbsolutePath().resolveSibling(out.getFileName() + ".rounds");
    PrintWriter progress = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    SequentialInference.Result r;
    try (ShownProgress training = ConsoleProgress.forConsole()) {
      SequentialInference run = new SequentialInference(new SequentialInference.Setup(problem, ps, p, method, ms,
          plugins, y, seed), config, folder, progress, training, simulator(problem, ps, p));
      r = run.run(out);
    } finally {
      if (p instanceof AutoCloseable c) {
        c.close();
      }
    }
    progress.println(String.format(Locale.ROOT, "inferred the posterior of %s for y* = %s with %d simulations (%d"
        + " invalid) in %d rounds, %.1f s; valid under the truncated prior (log q >= %.4g, prior volume %.3g);"
        + " model: %s; rounds: %s", problem, java.util.Arrays.toString(y), r.simulations(), r.invalid(), r.rounds(),
        (System.nanoTime() - t0) / 1e9, r.threshold(), r.volume(), out.toAbsolutePath(), folder));
    return 0;
  }
}
