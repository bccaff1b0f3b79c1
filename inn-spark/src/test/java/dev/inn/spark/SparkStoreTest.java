package dev.inn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.baselines.abc.AbcProvider;
import dev.inn.problems.external.ExternalProblemProvider;
import dev.inn.problems.store.SimulationStore;
import dev.inn.problems.store.StorePlan;
import dev.inn.problems.store.StoreWriter;
import dev.inn.spark.abc.PartitionedAbc;
import dev.inn.spark.store.ProblemRecipe;
import dev.inn.spark.store.SparkStoreFiller;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local Spark context for the class: its start-up is the slow part. */
class SparkStoreTest {

  static final PrintWriter QUIET = new PrintWriter(Writer.nullWriter());
  static final String SHELL = "sh " + Path.of("..", "examples", "simulators", "shell", "sum_product.sh")
      .toAbsolutePath().normalize();
  static JavaSparkContext sc;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    sc = SparkSessions.open("local[2]", "inn-spark-test");
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  static Settings settings(int workers) {
    return Settings.resolve("problem 'external'", new ExternalProblemProvider().defaults(), Map.of("command", SHELL,
        "framing", "text", "prior", List.of("a ~ uniform(0, 1)", "b ~ truncnormal(0.5, 0.3, 0, 1)"), "outputs", 2,
        "workers", workers, "batch", 50));
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  static void assertSameFiles(Path a, Path b) throws IOException {
    Map<String, byte[]> fa = files(a);
    Map<String, byte[]> fb = files(b);
    assertThat(fb.keySet()).isEqualTo(fa.keySet());
    fa.forEach((k, v) -> assertThat(fb.get(k)).as(k).isEqualTo(v));
  }

  StorePlan local(Path dir, long seed) throws Exception {
    Settings s = settings(1);
    try (var p = (AutoCloseable & Problem) new ExternalProblemProvider().create(s)) {
      StorePlan plan = StorePlan.of("external", p, s, seed, 700, 100);
      StoreWriter.fill(SimulationStore.open(dir, plan), p, 1, QUIET);
      return plan;
    }
  }

  @Test
  void aSparkFilledStoreEqualsTheLocalOneAndResumes() throws Exception {
    StorePlan plan = local(tmp.resolve("local"), 9);
    Settings s = settings(2);
    StoreWriter.Result r = SparkStoreFiller.fill(sc, ProblemRecipe.of("external", s),
        SimulationStore.open(tmp.resolve("spark"), StorePlan.of("external", ProblemRecipe.of("external", s).create(), s,
            9, 700, 100)), QUIET);
    assertThat(r.chunksWritten()).isEqualTo(plan.chunks());
    assertSameFiles(tmp.resolve("local"), tmp.resolve("spark"));

    // an interrupted Spark run: chunks 3 and 6 lost; the resumed run redoes only those
    for (int c : new int[] {3, 6}) {
      Files.delete(tmp.resolve("spark").resolve(String.format("chunk-%05d.done", c)));
      Files.delete(tmp.resolve("spark").resolve(SimulationStore.chunkName(c, "y")));
    }
    StoreWriter.Result again = SparkStoreFiller.fill(sc, ProblemRecipe.of("external", s),
        SimulationStore.open(tmp.resolve("spark"), plan), QUIET);
    assertThat(again.chunksWritten()).isEqualTo(2);
    assertSameFiles(tmp.resolve("local"), tmp.resolve("spark"));
  }

  static final String SUITE = """
      name = "cells"
      seeds = [1, 2]
      train_size = 2000
      test_size = 20
      samples = 100
      bootstrap = 20
      metrics = ["map-rmse", "calibration"]

      [figures]
      enabled = false

      [[problems]]
      name = "gaussian-linear-uniform"

      [[methods]]
      name = "abc"
      label = "ABC keep 100"
      settings = { mode = "pool", keep = 100 }

      [[methods]]
      name = "abc"
      label = "ABC keep 40"
      settings = { mode = "pool", keep = 40 }
      """;

  /** Per-seed rows without the last three columns (train, sample, evaluate seconds). */
  static List<String> withoutTimings(List<String> csv) {
    return csv.stream().map(l -> {
      String[] f = l.split(",", -1);
      return String.join(",", java.util.Arrays.copyOf(f, f.length - 3));
    }).sorted().toList();
  }

  /** The suite's cells as Spark tasks give the numbers of a local run of the whole suite. */
  @Test
  void suiteCellsAsTasksGiveTheLocalRunsNumbers() throws Exception {
    Path out = tmp.resolve("spark-run");
    dev.inn.spark.suite.SuiteCells.Summary summary = dev.inn.spark.suite.SuiteCells.run(sc, SUITE, "cells.toml", out);
    assertThat(summary.cells()).isEqualTo(4);
    assertThat(summary.failedCells()).isZero();
    List<String> cells = Files.readAllLines(out.resolve("cells.csv"));
    assertThat(cells).hasSize(5);
    assertThat(out.resolve("cells/gaussian-linear-uniform__ABC-keep-40__seed2/report.html")).exists();

    var registry = dev.inn.core.plugin.PluginRegistry.fromClassPath();
    var local = new dev.inn.bench.harness.SuiteRunner(registry, dev.inn.api.method.ProgressListener.NONE)
        .run(new dev.inn.bench.suite.SuiteParser(registry).parse(SUITE, "cells.toml"));
    dev.inn.bench.report.ReportWriter.write(local, dev.inn.bench.report.RunInfo.detect("test"), tmp.resolve("local"));
    List<String> expected = Files.readAllLines(tmp.resolve("local/results-by-seed.csv"));
    List<String> actual = Files.readAllLines(out.resolve("results-by-seed.csv"));
    assertThat(actual.get(0)).isEqualTo(expected.get(0));
    assertThat(actual).hasSize(5);
    assertThat(withoutTimings(actual)).isEqualTo(withoutTimings(expected));
  }

  /** ABC over the store's partitions accepts exactly what the abc method (mode "pool") accepts. */
  @Test
  void partitionedAbcEqualsTheAbcMethodOnTheSamePairs() throws Exception {
    Path dir = tmp.resolve("abc");
    local(dir, 4);
    Dataset pairs = SimulationStore.read(dir).data();
    float[][] obs = {{1.0f, 0.25f}, {0.5f, 0.05f}, {1.6f, 0.6f}, {0.9f, 0.2f}};
    int keep = 40;
    List<Matrix> spark = PartitionedAbc.run(sc, dir, Matrix.of(obs), keep);
    assertThat(spark).hasSize(obs.length);

    Problem problem = new ExternalProblemProvider().create(settings(1));
    AbcProvider provider = new AbcProvider();
    PosteriorMethod abc = provider.create(problem, Settings.resolve("method 'abc'", provider.defaults(),
        Map.of("mode", "pool", "keep", keep)));
    abc.train(pairs, TrainingContext.quiet(1));
    for (int j = 0; j < obs.length; j++) {
      Matrix expected = abc.sample(obs[j], keep, 3);
      assertThat(spark.get(j)).as("observation " + j).isEqualTo(expected);
      // and the accepted x are a posterior: a + b near the observed sum
      double meanSum = 0;
      for (int i = 0; i < keep; i++) {
        meanSum += spark.get(j).get(i, 0) + spark.get(j).get(i, 1);
      }
      assertThat(meanSum / keep).isCloseTo(obs[j][0], org.assertj.core.data.Offset.offset(0.1));
    }
  }

  /** A task's failure reaches the user as one line: where it failed and why, not Spark's preamble. */
  @Test
  void aFailedTaskIsExplainedInOneLine() {
    String message = org.assertj.core.api.Assertions.catchThrowable(() -> sc.parallelize(List.of(1, 2), 2)
        .map(v -> {
          if (v == 2) {
            throw new IllegalStateException("chunk 7 is unreadable");
          }
          return v;
        }).collect()).getMessage().lines().findFirst().orElseThrow();
    assertThat(dev.inn.spark.cli.SparkMainAccess.explain(message))
        .matches("a Spark task failed 1 time\\(s\\), last on .*executor driver: chunk 7 is unreadable");
    assertThat(dev.inn.spark.cli.SparkMainAccess.explain("plain message")).isEqualTo("plain message");
  }

  /** An executor without a problem's plugin names the plugin and how to ship it; nothing is written. */
  @Test
  void aProblemPluginMissingOnTheExecutorsIsNamed() throws Exception {
    StorePlan plan = local(tmp.resolve("local"), 9);
    SimulationStore store = SimulationStore.open(tmp.resolve("spark"), plan);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SparkStoreFiller.fill(sc,
        new ProblemRecipe("plugin-nowhere", ""), store, QUIET));
    assertThat(t).hasMessageContaining("has no problem plugin 'plugin-nowhere'")
        .hasMessageContaining("--plugins DIR");
    try (Stream<Path> files = Files.list(tmp.resolve("spark"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SimulationStore.MANIFEST);
    }
  }

  /** ABC whose executors cannot read a chunk names the chunk, the store and the shared file system. */
  @Test
  void abcOverAStoreTheExecutorsCannotReadNamesTheChunk() throws Exception {
    Path dir = tmp.resolve("abc");
    local(dir, 4);
    Files.delete(dir.resolve(SimulationStore.chunkName(5, "y")));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PartitionedAbc.run(sc, dir,
        Matrix.of(new float[][] {{1f, 0.25f}}), 10)))
        .hasMessageContaining("cannot read chunk 5 of the simulation store " + dir.toAbsolutePath())
        .hasMessageContaining("a file system every worker mounts at the same path");
  }

  /** An unreachable standalone master fails in seconds, naming it. */
  @Test
  void anUnreachableMasterIsNamed() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "spark://127.0.0.1:" + port;
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SparkSessions.checkReachable(url)))
        .hasMessageStartingWith("cannot reach the Spark master " + url);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SparkSessions.checkReachable("spark://nohost")))
        .hasMessageContaining("spark://HOST:PORT");
  }
}
