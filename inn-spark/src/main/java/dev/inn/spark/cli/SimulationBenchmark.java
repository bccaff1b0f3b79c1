package dev.inn.spark.cli;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.bench.cli.SimulateCommand;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.SimulationStore;
import dev.inn.problems.store.StorePlan;
import dev.inn.problems.store.StoreWriter;
import dev.inn.spark.SparkSessions;
import dev.inn.spark.store.ProblemRecipe;
import dev.inn.spark.store.SparkStoreFiller;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inn spark bench}: simulations per second of the same store filled by local workers
 * (1 and 2) and by Spark local[1] and local[2], for the medical Monte Carlo simulator and the
 * Python example (as shipped, and slowed to 1 ms per simulation); with {@code --master}, by local
 * workers and on a standalone cluster with 1 and 2 workers, for the Python example at 1 ms and
 * at 100 ms per simulation. Each run fills a fresh store;
 * the Spark context's start-up and first job are not timed (they are printed). Every store must equal the first
 * one byte for byte, which the table says.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Simulations/s of a store filled by local workers (1, 2) and Spark local[1], local[2] "
        + "(with --master: a cluster's 1 and 2 workers).")
final class SimulationBenchmark implements Callable<Integer> {

  @Option(names = "--medical-n", defaultValue = "24", description = "medical-colon pairs per run (default: ${DEFAULT-VALUE})")
  int medicalN;

  @Option(names = "--python-n", defaultValue = "20000", description = "Python example pairs per run (default: ${DEFAULT-VALUE})")
  int pythonN;

  @Option(names = "--slow-n", defaultValue = "1000",
      description = "pairs per run of the Python example at 1 ms per simulation (default: ${DEFAULT-VALUE})")
  int slowN;

  @Option(names = "--python", defaultValue = "python3", description = "the Python interpreter (with numpy)")
  String python;

  @Option(names = "--master", paramLabel = "URL", description = {"a standalone cluster (spark://HOST:PORT) of "
      + "one-core workers: then the Python example at 1 ms and at 100 ms per simulation, filled by local workers "
      + "(1, 2) and on the cluster with 1 and 2 workers (spark.cores.max 1 and 2)"})
  String master;

  @Option(names = "--fast-n", defaultValue = "4000",
      description = "with --master: pairs per run at 1 ms per simulation (default: ${DEFAULT-VALUE})")
  int fastN;

  @Option(names = "--slower-n", defaultValue = "160",
      description = "with --master: pairs per run at 100 ms per simulation (default: ${DEFAULT-VALUE})")
  int slowerN;

  /** A Spark configuration to fill with: its label, master and extra settings. */
  private record SparkRun(String label, String master, Map<String, String> conf, int slots) {}

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private record Case(String label, String problem, Map<String, Object> settings, int n, int chunk) {}

  private record Row(String label, String mode, int n, double seconds, boolean same) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String home = System.getProperty("inn.home", ".");
    String script = Path.of(home, "examples", "simulators", "python", "sum_product.py").toAbsolutePath().toString();
    Map<String, Object> py = new LinkedHashMap<>();
    py.put("command", python + " " + script);
    py.put("prior", List.of("a ~ uniform(0, 1)", "b ~ uniform(0, 1)"));
    py.put("observations", List.of("sum", "product"));
    Map<String, Object> slow = new LinkedHashMap<>(py);
    slow.put("command", python + " " + script + " --sleep 0.1");
    List<Case> cases = List.of(
        new Case("medical-colon Monte Carlo", "medical-colon", Map.of(), medicalN, Math.max(1, medicalN / 8)),
        new Case("Python example (numpy)", "external", py, pythonN, Math.max(1, pythonN / 8)),
        new Case("Python example, 1 ms/simulation", "external", slow, slowN, Math.max(1, slowN / 8)));
    List<SparkRun> sparkRuns = List.of(new SparkRun("Spark local[1]", "local[1]", Map.of(), 1),
        new SparkRun("Spark local[2]", "local[2]", Map.of(), 2));
    if (master != null) {
      // batches of 10 simulations sleeping 10 ms and 1 s: 1 ms and 100 ms per simulation, little CPU, so the
      // figures show the parallelism and the overheads rather than the machine's other load
      Map<String, Object> ms1 = new LinkedHashMap<>(py);
      ms1.put("command", python + " " + script + " --sleep 0.01");
      ms1.put("batch", 10);
      Map<String, Object> ms100 = new LinkedHashMap<>(py);
      ms100.put("command", python + " " + script + " --sleep 1.0");
      ms100.put("batch", 10);
      cases = List.of(new Case("Python example, 1 ms/simulation", "external", ms1, fastN, Math.max(1, fastN / 8)),
          new Case("Python example, 100 ms/simulation", "external", ms100, slowerN, Math.max(1, slowerN / 8)));
      List<Path> jars = ApplicationJars.ofThisApplication();
      sparkRuns = List.of(new SparkRun("cluster, 1 worker", master, Map.of("spark.cores.max", "1"), 1),
          new SparkRun("cluster, 2 workers", master, Map.of("spark.cores.max", "2"), 2));
      appJars = jars;
    }
    Path root = Files.createTempDirectory("inn-simulate-bench");
    List<Row> rows = new ArrayList<>();
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    PluginRegistry registry = PluginRegistry.fromClassPath();
    try {
      for (int workers : new int[] {1, 2}) {
        for (Case c : cases) {
          Settings s = settings(registry, c, workers);
          Problem p = registry.find(ProblemProvider.class, c.problem()).create(s);
          Path dir = root.resolve(c.problem() + "-" + rows.size());
          long t0 = System.nanoTime();
          StoreWriter.fill(SimulationStore.open(dir, StorePlan.of(c.problem(), p, s, 1, c.n(), c.chunk())), p, workers,
              quiet);
          double sec = (System.nanoTime() - t0) / 1e9;
          if (p instanceof AutoCloseable a) {
            a.close();
          }
          rows.add(new Row(c.label(), "local, " + workers + " worker(s)", c.n(), sec, same(root, c, dir)));
          out.printf(Locale.ROOT, "%-34s %-22s %6.1f s%n", c.label(), rows.get(rows.size() - 1).mode(), sec);
        }
      }
      for (SparkRun run : sparkRuns) {
        int k = run.slots();
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = SparkSessions.open(run.master(), "inn simulate bench", appJars, run.conf())) {
          // the first job of a context loads Spark's task machinery (and on a cluster waits for its executors):
          // part of the start-up, not of a case
          sc.parallelize(List.of(1, 2, 3, 4), 4).map(v -> v + 1).collect();
          out.printf(Locale.ROOT, "%s: context started and warmed up in %.1f s (not timed below)%n", run.label(),
              (System.nanoTime() - t0) / 1e9);
          for (Case c : cases) {
            // each executor of the cluster has one task slot: one simulator process
            Settings s = settings(registry, c, run.master().startsWith("local") ? k : 1);
            Problem p = registry.find(ProblemProvider.class, c.problem()).create(s);
            StorePlan plan = StorePlan.of(c.problem(), p, s, 1, c.n(), c.chunk());
            if (p instanceof AutoCloseable a) {
              a.close();
            }
            Path dir = root.resolve(c.problem() + "-" + rows.size());
            long t1 = System.nanoTime();
            SparkStoreFiller.fill(sc, ProblemRecipe.of(c.problem(), s), SimulationStore.open(dir, plan), quiet);
            double sec = (System.nanoTime() - t1) / 1e9;
            rows.add(new Row(c.label(), run.label(), c.n(), sec, same(root, c, dir)));
            out.printf(Locale.ROOT, "%-34s %-22s %6.1f s%n", c.label(), rows.get(rows.size() - 1).mode(), sec);
          }
        }
      }
    } finally {
      deleteTree(root);
    }
    out.println();
    out.println("| simulator | run | pairs | seconds | simulations/s | same bytes as local, 1 worker |");
    out.println("|---|---|---|---|---|---|");
    for (Case c : cases) {
      for (Row r : rows) {
        if (r.label().equals(c.label())) {
          out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f | %s |%n", r.label(), r.mode(), r.n(), r.seconds(),
              r.n() / r.seconds(), r.same() ? "yes" : "NO");
        }
      }
    }
    boolean allSame = rows.stream().allMatch(Row::same);
    return allSame ? 0 : 1;
  }

  /** The case's settings with its parallelism set as {@code inn simulate --workers} sets it. */
  private static Settings settings(PluginRegistry registry, Case c, int workers) {
    ProblemProvider pp = registry.find(ProblemProvider.class, c.problem());
    Map<String, Object> o = new LinkedHashMap<>(c.settings());
    SimulateCommand.applyWorkers(pp, o, workers);
    return PluginRegistry.settingsFor(pp, "problem", o);
  }

  private final Map<String, Path> firstStore = new LinkedHashMap<>();

  /** What a cluster's executors get shipped: inn's jars (none for local masters). */
  private List<Path> appJars = List.of();

  /** Whether the store in {@code dir} equals the first store of the same case, file by file. */
  private boolean same(Path root, Case c, Path dir) throws IOException {
    Path first = firstStore.computeIfAbsent(c.label(), k -> dir);
    try (Stream<Path> s = Files.list(first)) {
      for (Path f : s.toList()) {
        if (!Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve(f.getFileName())))) {
          return false;
        }
      }
    }
    return true;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
