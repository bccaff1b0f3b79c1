package dev.inn.bench.cli;

import dev.inn.api.data.Dataset;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.persistence.ModelFile;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.StoredProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn train}: one method on one problem, saved as a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one method on one problem and save the model file.")
final class TrainCommand implements Callable<Integer> {

  @Mixin
  Main.Common common;

  @Option(names = "--problem", description = "problem name (see 'inn list'); with --store, the store's by default")
  String problem;

  @Option(names = "--store", paramLabel = "DIR",
      description = "train on the pairs of a simulation store ('inn simulate'); the problem and its settings default "
          + "to the store's, the training size to all its pairs")
  Path store;

  @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE", description = "a problem setting")
  List<String> problemSettings = new ArrayList<>();

  @Option(names = "--method", defaultValue = "inn", description = "method name (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = {"-m", "--method-setting"}, paramLabel = "KEY=VALUE", description = "a method setting")
  List<String> methodSettings = new ArrayList<>();

  @Option(names = "--train-size", description = "training pairs (default: 20000, or all pairs of --store)")
  Integer trainSize;

  @Option(names = "--seed", defaultValue = "1", description = "seed of data and training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write")
  Path out;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (problem == null && store == null) {
      throw new IllegalArgumentException("name the problem with --problem (or train on a simulation store with --store)");
    }
    if (trainSize != null && trainSize < 2) {
      throw new IllegalArgumentException("--train-size must be at least 2 training pairs, got " + trainSize);
    }
    // a path that cannot take the model is reported now, not after the training
    ModelFile.checkWritable(out);
    PluginRegistry registry = common.registry();
    java.util.Map<String, Object> problemOverrides = new java.util.LinkedHashMap<>();
    if (store != null) {
      StoreSettings stored = StoreSettings.read(store);
      if (problem == null) {
        problem = stored.problem();
        problemOverrides.putAll(stored.settings());
      }
    }
    problemOverrides.putAll(SettingArguments.parse(problemSettings, "--problem-setting"));
    ProblemProvider pp = registry.find(ProblemProvider.class, problem);
    MethodProvider mp = registry.find(MethodProvider.class, method);
    Settings ps = PluginRegistry.settingsFor(pp, "problem", problemOverrides);
    Settings ms = PluginRegistry.settingsFor(mp, "method", SettingArguments.parse(methodSettings, "--method-setting"));
    Problem p = pp.create(ps);
    int trainSize = this.trainSize == null ? 20_000 : this.trainSize;
    if (store != null) {
      StoredProblem sp = StoredProblem.wrap(problem, p, ps, store);
      trainSize = this.trainSize == null ? sp.storedPairs() : trainSize;
      p = sp;
    }
    PosteriorMethod m = mp.create(p, ms);
    ProgressListener progress = ConsoleProgress.forConsole();
    long t0 = System.nanoTime();
    try {
      Dataset data = p.sample(trainSize, seed);
      m.train(data, new TrainingContext(seed, progress));
    } finally {
      if (progress instanceof ConsoleProgress c) {
        c.close();
      }
    }
    ModelFile.save(out, new ModelFile.Header(ModelFile.FORMAT_VERSION, method, ms, problem, ps), m);
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "trained %s on %s in %.1f s; model: %s", method,
        problem, (System.nanoTime() - t0) / 1e9, out.toAbsolutePath()));
    return 0;
  }
}
