package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
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

  private final PluginLookup plugins;

  @Inject
  TrainCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }


  @Mixin
  Main.Common common;

  @Option(names = "--problem", required = true, description = "problem name (see 'inn list')")
  String problem;

  @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE", description = "a problem setting")
  List<String> problemSettings = new ArrayList<>();

  @Option(names = "--method", defaultValue = "inn", description = "method name (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = {"-m", "--method-setting"}, paramLabel = "KEY=VALUE", description = "a method setting")
  List<String> methodSettings = new ArrayList<>();

  @Option(names = "--train-size", defaultValue = "20000", description = "training pairs (default: ${DEFAULT-VALUE})")
  int trainSize;

  @Option(names = "--seed", defaultValue = "1", description = "seed of data and training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write")
  Path out;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (trainSize < 2) {
      throw new IllegalArgumentException("--train-size must be at least 2 training pairs, got " + trainSize);
    }
    // a path that cannot take the model is reported now, not after the training
    ModelFile.checkWritable(out);
    ProblemProvider pp = plugins.find(ProblemProvider.class, problem);
    MethodProvider mp = plugins.find(MethodProvider.class, method);
    Settings ps = PluginRegistry.settingsFor(pp, "problem", SettingArguments.parse(problemSettings, "--problem-setting"));
    Settings ms = PluginRegistry.settingsFor(mp, "method", SettingArguments.parse(methodSettings, "--method-setting"));
    // every setting, including nested plugin references, is checked before anything is simulated or trained
    pp.validate(ps);
    mp.validate(ms);
    Problem p = pp.create(ps);
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
