package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.data.Dataset;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.persistence.ModelFile;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.StoreChunks;
import dev.inn.problems.store.StoredProblem;
import dev.inn.api.method.ChunkedTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn train}: one method on one problem, saved as a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one method on one problem and save the model file.")
final class TrainCommand extends PluginCommand {

  @Inject
  TrainCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Mixin
  OutputGuard outputGuard;

  @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PROBLEM",
      description = "problem name (see 'inn list'); with --store, the store's by default")
  String problem;

  /** The older spelling {@code --problem NAME}, still read so existing scripts keep working. */
  @Option(names = "--problem", hidden = true, paramLabel = "PROBLEM")
  String problemOption;

  @Option(names = "--store", paramLabel = "DIR",
      description = "train on the pairs of a simulation store ('inn simulate'); the problem and its settings default "
          + "to the store's, the training size to all its pairs")
  Path store;

  @Option(names = "--window-chunks", paramLabel = "N",
      description = "with --store: stream the store instead of loading it, holding about 3 N + 3 chunks in memory"
          + " (N chunks shuffled together; see docs/cli.md, 'Training from a store larger than memory')")
  Integer windowChunks;

  @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE", description = "a problem setting; the value"
      + " in TOML syntax, lists in brackets and quoted for the shell, e.g. -p path=sims.csv"
      + " -p 'y_columns=[\"y1\",\"y2\"]' (in a suite: y_columns = [\"y1\", \"y2\"]); 'inn list' shows every setting")
  List<String> problemSettings = new ArrayList<>();

  @Option(names = "--method", defaultValue = "cinn", description = "method name (default: ${DEFAULT-VALUE}, the method to start with; see 'inn list')")
  String method;

  @Option(names = {"-m", "--method-setting"}, paramLabel = "KEY=VALUE", description = "a method setting, the value in"
      + " TOML syntax as for -p, e.g. -m lr=0.001 -m max_epochs=50")
  List<String> methodSettings = new ArrayList<>();

  @Option(names = "--train-size", description = "training pairs (default: " + DEFAULT_TRAIN_SIZE + ", or all training"
      + " rows of a data set or of --store)")
  Integer trainSize;

  /** Training pairs drawn from a simulator when --train-size is not given. */
  static final int DEFAULT_TRAIN_SIZE = 20000;

  @Option(names = "--seed", defaultValue = "1", description = "seed of data and training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (problem != null && problemOption != null && !problem.equals(problemOption)) {
      throw new IllegalArgumentException("the problem is named twice ('" + problem + "' and --problem '"
          + problemOption + "'); give it once: inn train PROBLEM ...");
    }
    if (problem == null) {
      problem = problemOption;
    }
    if (problem == null && store == null) {
      throw new IllegalArgumentException("name the problem: inn train PROBLEM ... (or train on a simulation store with"
          + " --store DIR)");
    }
    if (windowChunks != null && store == null) {
      throw new IllegalArgumentException("--window-chunks streams a simulation store: give it with --store DIR");
    }
    if (windowChunks != null && windowChunks < 1) {
      throw new IllegalArgumentException("--window-chunks must be at least 1 chunk, got " + windowChunks);
    }
    if (windowChunks != null && trainSize != null) {
      throw new IllegalArgumentException("--train-size cannot be combined with --window-chunks: a streamed store is"
          + " trained on all its pairs");
    }
    if (trainSize != null && trainSize < 2) {
      throw new IllegalArgumentException("--train-size must be at least 2 training pairs, got " + trainSize);
    }
    // a path that cannot take the model is reported now, not after the training
    ModelFile.checkWritable(out);
    java.util.Map<String, Object> problemOverrides = new java.util.LinkedHashMap<>();
    if (store != null && problem == null) {
      StoreSettings stored = StoreSettings.read(store);
      problem = stored.problem();
      problemOverrides.putAll(stored.settings());
    }
    problemOverrides.putAll(SettingArguments.parse(problemSettings, "--problem-setting"));
    ProblemProvider pp = plugins.find(ProblemProvider.class, problem);
    MethodProvider mp = plugins.find(MethodProvider.class, method);
    // every setting, nested plugin references included, is checked before anything is simulated or trained
    Settings ps = PluginRegistry.checkedSettings(pp, "problem", problemOverrides);
    Settings ms = PluginRegistry.checkedSettings(mp, "method", SettingArguments.parse(methodSettings, "--method-setting"));
    // never over the data being read (a problem setting naming a file, the store's files), nor over
    // a file that is not a model unless --force
    java.util.List<Path> inputs = new java.util.ArrayList<>();
    for (Object v : ps.asMap().values()) {
      if (v instanceof String s && !s.isBlank() && s.length() < 4096) {
        try {
          inputs.add(Path.of(s));
        } catch (java.nio.file.InvalidPathException e) {
          // not a path
        }
      }
    }
    if (store != null && java.nio.file.Files.isDirectory(store)) {
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(store)) {
        files.forEach(inputs::add);
      }
    }
    outputGuard.check(out, "an inn model file", ModelFile::isModelFile, inputs);
    Problem p = pp.create(ps);
    if (windowChunks != null) {
      return trainStreamed(p, ps, mp.create(p, ms), ms);
    }
    if (store != null) {
      // training pairs from the store (all of them unless --train-size), everything else the problem's own
      p = StoredProblem.wrap(problem, p, ps, store);
    }
    java.util.OptionalInt available = p.trainingPairs();
    if (trainSize != null && available.isPresent() && trainSize > available.getAsInt()) {
      throw new IllegalArgumentException("--train-size " + trainSize + " is more than the " + available.getAsInt()
          + " training pairs of problem '" + problem + "'; ask for at most " + available.getAsInt()
          + ", or leave --train-size out to use them all");
    }
    int pairs = trainSize != null ? trainSize : available.orElse(DEFAULT_TRAIN_SIZE);
    if (pairs < 2) {
      throw new IllegalArgumentException("problem '" + problem + "' has " + pairs + " training pairs; at least 2 are"
          + " needed");
    }
    PosteriorMethod m = mp.create(p, ms);
    long t0 = System.nanoTime();
    try (ShownProgress progress = ConsoleProgress.forConsole()) {
      Dataset data = p.sample(pairs, seed);
      m.train(data, new TrainingContext(seed, progress));
    }
    ModelFile.save(out, new ModelFile.Header(ModelFile.FORMAT_VERSION, method, ms, problem, ps), p, m);
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "trained %s on %s in %.1f s; model: %s", method,
        problem, (System.nanoTime() - t0) / 1e9, out.toAbsolutePath()));
    return 0;
  }

  /** Trains on the store chunk by chunk ({@code --window-chunks}), never holding all its pairs. */
  private int trainStreamed(Problem p, Settings ps, PosteriorMethod m, Settings ms) throws java.io.IOException {
    StoreChunks chunks = StoreChunks.open(problem, p, ps, store);
    if (!(m instanceof ChunkedTraining streaming)) {
      throw new IllegalArgumentException("method '" + method + "' cannot train from chunks (--window-chunks); train"
          + " it with the store loaded (leave --window-chunks out)");
    }
    long t0 = System.nanoTime();
    try (ShownProgress progress = ConsoleProgress.forConsole()) {
      streaming.train(chunks, windowChunks, new TrainingContext(seed, progress));
    }
    ModelFile.save(out, new ModelFile.Header(ModelFile.FORMAT_VERSION, method, ms, problem, ps), p, m);
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "trained %s on %s (%d pairs streamed from %d chunks,"
        + " window %d) in %.1f s; model: %s", method, problem, chunks.size(), chunks.chunks(), windowChunks,
        (System.nanoTime() - t0) / 1e9, out.toAbsolutePath()));
    return 0;
  }
}
