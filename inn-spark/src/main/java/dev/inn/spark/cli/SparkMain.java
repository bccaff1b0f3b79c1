package dev.inn.spark.cli;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.bench.cli.SettingArguments;
import dev.inn.bench.cli.SimulateCommand;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.dataset.NpyReader;
import dev.inn.problems.dataset.NpyWriter;
import dev.inn.problems.store.SimulationStore;
import dev.inn.problems.store.StorePlan;
import dev.inn.problems.store.StoreWriter;
import dev.inn.spark.SparkSessions;
import dev.inn.spark.abc.PartitionedAbc;
import dev.inn.spark.store.ProblemRecipe;
import dev.inn.spark.store.SparkStoreFiller;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inn spark ...}: the simulation store and rejection ABC on Apache Spark. Embedded
 * {@code local[*]} by default; {@code --master} for a cluster; under spark-submit the master
 * comes from spark-submit.
 */
@Command(name = "inn spark", mixinStandardHelpOptions = true, version = "inn 0.1.0-SNAPSHOT",
    description = "inn on Apache Spark: fill a simulation store, rejection ABC for many observations, sequential"
        + " inference with its rounds simulated on the cluster.",
    subcommands = {SparkMain.Simulate.class, SparkMain.Abc.class, SparkInfer.class, SparkMain.Run.class, SimulationBenchmark.class,
        CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(args, out, err));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SparkMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))) {
        e.printStackTrace(commandLine.getErr());
      }
      Throwable t = e;
      while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
        t = t.getCause();
      }
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      commandLine.getErr().println("error: " + ApplicationJars.explainTaskFailure(m.lines().findFirst().orElse(m)));
      return 1;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options of every Spark command. */
  static class SparkOptions {
    @Option(names = "--master", description = "Spark master URL (default: local[*]; under spark-submit, its master)")
    String master;

    @Option(names = "--verbose", description = "show stack traces of errors")
    boolean verbose;

    @Option(names = "--plugins", paramLabel = "DIR",
        description = "folder of plugin jars, used by the driver and shipped to the executors (default: $INN_HOME/plugins)")
    Path plugins;

    /** The plugins folder: --plugins, else $INN_HOME/plugins (as {@code inn} reads it). */
    Path pluginFolder() {
      if (plugins != null) {
        if (!Files.isDirectory(plugins)) {
          throw new IllegalArgumentException("--plugins " + plugins + " is not a folder");
        }
        return plugins;
      }
      String home = System.getProperty("inn.home");
      return home == null ? Path.of("plugins") : Path.of(home, "plugins");
    }

    /** The driver's plugins: the class path and the plugins folder. */
    PluginRegistry registry() {
      return PluginRegistry.withPluginFolder(pluginFolder());
    }

    JavaSparkContext open(String app) {
      String m = master;
      if (m == null && System.getProperty("spark.master") == null) {
        m = SparkSessions.DEFAULT_MASTER;
      }
      String effective = m != null ? m : System.getProperty("spark.master");
      // a cluster's executors get inn's jars from the driver (spark-submit ships them itself: --jars)
      List<Path> jars = new ArrayList<>();
      if (m != null && !effective.startsWith("local")) {
        jars.addAll(ApplicationJars.ofThisApplication());
      }
      JavaSparkContext sc = SparkSessions.open(m, app, jars);
      for (Path jar : ApplicationJars.pluginJars(pluginFolder())) {
        sc.addJar(jar.toAbsolutePath().toString());
      }
      return sc;
    }
  }

  /** {@code inn spark simulate}: {@code inn simulate} with one chunk per Spark task. */
  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Fill a simulation store with Spark tasks (one chunk per task); the same files as 'inn simulate'.")
  static final class Simulate extends SparkOptions implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROBLEM") String problem;
    @Option(names = {"-p", "--problem-setting"}, paramLabel = "KEY=VALUE") List<String> settings = new ArrayList<>();
    @Option(names = {"--pairs", "--n"}, required = true) long n;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--chunk", defaultValue = "1000") int chunk;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PluginRegistry registry = registry();
      ProblemProvider pp = registry.find(ProblemProvider.class, problem);
      Map<String, Object> overrides = SettingArguments.parse(settings, "--problem-setting");
      try (JavaSparkContext sc = open("inn simulate " + problem)) {
        // each task simulates one chunk on one thread; an executor's external simulator gets one process per slot
        SimulateCommand.applyWorkers(pp, overrides, Math.max(1, sc.defaultParallelism()));
        Settings ps = PluginRegistry.settingsFor(pp, "problem", overrides);
        Problem p = pp.create(ps);
        StorePlan plan = StorePlan.of(problem, p, ps, seed, n, chunk);
        if (p instanceof AutoCloseable c) {
          c.close();
        }
        SimulationStore store = SimulationStore.open(out, plan);
        StoreWriter.Result r = SparkStoreFiller.fill(sc, ProblemRecipe.of(problem, ps), store, spec.commandLine().getErr());
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "simulation store %s complete: %d pairs of %s in %d chunks (%d simulated now, %d kept), %s; %.1f s",
            out.toAbsolutePath(), n, problem, plan.chunks(), r.chunksWritten(), r.chunksPresent(),
            r.invalid().summary(), r.seconds()));
        return 0;
      } catch (Exception e) {
        throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /** {@code inn spark run}: a suite's (problem, method, seed) cells as Spark tasks. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a suite's (problem, method, seed) cells as Spark tasks: one report per cell under "
          + "OUT/cells/, all per-seed results in OUT/results-by-seed.csv, an index in OUT/cells.csv."})
  static final class Run extends SparkOptions implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "suite file or shipped suite name") String suite;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String text;
      String source;
      Path file = Path.of(suite);
      if (Files.isRegularFile(file)) {
        text = Files.readString(file);
        source = file.toString();
      } else {
        String name = suite.replaceAll("\\.toml$", "");
        try (var in = SparkMain.class.getClassLoader().getResourceAsStream(
            dev.inn.bench.suite.SuiteParser.RESOURCE_FOLDER + name + ".toml")) {
          if (in == null) {
            throw new IllegalArgumentException("no suite file '" + suite + "' and no shipped suite of that name; shipped: "
                + dev.inn.bench.suite.SuiteParser.SHIPPED);
          }
          text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          source = name + ".toml";
        }
      }
      long t0 = System.nanoTime();
      dev.inn.spark.suite.SuiteCells.Summary summary;
      try (JavaSparkContext sc = open("inn run " + source)) {
        summary = dev.inn.spark.suite.SuiteCells.run(sc, registry(), text, source, out);
      }
      spec.commandLine().getOut().println(String.format(Locale.ROOT, "%d cells (%d failed) in %.1f s; results: %s",
          summary.cells(), summary.failedCells(), (System.nanoTime() - t0) / 1e9, summary.files()));
      return summary.failedCells() == 0 ? 0 : 3;
    }
  }

  /** {@code inn spark abc}: rejection ABC over a store for many observations. */
  @Command(name = "abc", mixinStandardHelpOptions = true,
      description = {"Rejection ABC over a simulation store, one Spark task per chunk: for each observation, the "
          + "--keep stored pairs nearest to it (the abc method's mode = \"pool\").",
          "Writes OUT/posterior-NNNNN.npy, one (keep, dim x) array per observation, nearest first."})
  static final class Abc extends SparkOptions implements Callable<Integer> {
    @Option(names = "--store", required = true, paramLabel = "DIR") Path store;
    @Option(names = "--observations", required = true, paramLabel = "FILE.npy",
        description = "observations, one per row (.npy)") Path observations;
    @Option(names = "--keep", defaultValue = "256", description = "accepted pairs per observation") int keep;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Matrix obs = NpyReader.read(observations);
      long t0 = System.nanoTime();
      List<Matrix> posteriors;
      try (JavaSparkContext sc = open("inn abc")) {
        posteriors = PartitionedAbc.run(sc, store, obs, keep);
      }
      Files.createDirectories(out);
      for (int j = 0; j < posteriors.size(); j++) {
        Path target = out.resolve(String.format(Locale.ROOT, "posterior-%05d.npy", j));
        Path tmp = Files.createTempFile(out, ".posterior", ".tmp");
        Files.write(tmp, NpyWriter.float32(posteriors.get(j)));
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "rejection ABC: %d observations x %d accepted pairs from %s written to %s in %.1f s", obs.rows(), keep,
          store, out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9));
      return 0;
    }
  }
}
