package dev.inn.spark.suite;

import dev.inn.api.method.ProgressListener;
import dev.inn.bench.harness.RunResults;
import dev.inn.bench.harness.SuiteRunner;
import dev.inn.bench.report.ReportWriter;
import dev.inn.bench.report.RunInfo;
import dev.inn.bench.suite.MethodEntry;
import dev.inn.bench.suite.ProblemEntry;
import dev.inn.bench.suite.Suite;
import dev.inn.bench.suite.SuiteParser;
import dev.inn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.inn.spark.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A suite's (problem, method, seed) cells as Spark tasks. Each task parses the suite text,
 * runs the suite restricted to its cell with the ordinary {@link SuiteRunner} and writes that
 * cell's report under {@code OUT/cells/}; the driver gathers the per-seed result rows into
 * {@code OUT/results-by-seed.csv} (one file per problem when their columns differ) and an index
 * {@code OUT/cells.csv}. A cell's numbers are those of the same cell in a local run when its
 * metrics need no ground-truth posterior (a local run trains the reference sampler on the first
 * seed's data, a cell on its own seed's).
 */
public final class SuiteCells {

  private SuiteCells() {
  }

  /** One cell: indices into the suite's problems and methods, and the seed. */
  record CellKey(int problem, int method, long seed, String problemLabel, String methodLabel) implements Serializable {
    String folder() {
      return (problemLabel + "__" + methodLabel + "__seed" + seed).replaceAll("[^A-Za-z0-9_.-]+", "-");
    }
  }

  /** What a task sends back: the cell's per-seed CSV lines (header first) and its failures. */
  record CellOutcome(CellKey key, List<String> csv, List<String> failures, double seconds, String report)
      implements Serializable {}

  /** What the driver wrote. */
  public record Summary(int cells, int failedCells, List<Path> files) {}

  /** The cells of a suite, problem by problem, seed by seed, method by method. */
  static List<CellKey> cells(Suite s) {
    List<CellKey> out = new ArrayList<>();
    for (int p = 0; p < s.problems().size(); p++) {
      ProblemEntry pe = s.problems().get(p);
      for (long seed : s.seeds()) {
        for (MethodEntry m : s.methodsFor(pe.label())) {
          out.add(new CellKey(p, s.methods().indexOf(m), seed, pe.label(), m.label()));
        }
      }
    }
    return out;
  }

  /**
   * Runs every cell of the suite in {@code suiteText} as one Spark task and writes the
   * gathered results into {@code out} (which must not exist yet).
   *
   * @param source the suite's name or file, for messages and the reports
   */
  public static Summary run(JavaSparkContext sc, String suiteText, String source, Path out) {
    return run(sc, PluginRegistry.fromClassPath(), suiteText, source, out);
  }

  /**
   * As {@link #run(JavaSparkContext, String, String, Path)}, the driver reading the suite with
   * the plugins of {@code registry} (the executors use those of their class path and shipped jars).
   */
  public static Summary run(JavaSparkContext sc, PluginRegistry registry, String suiteText, String source, Path out) {
    if (Files.exists(out)) {
      throw new IllegalArgumentException("output folder " + out + " already exists; choose another --out");
    }
    Suite suite = new SuiteParser(registry).parse(suiteText, source);
    List<CellKey> cells = cells(suite);
    String folder = out.toAbsolutePath().toString();
    List<CellOutcome> outcomes = sc.parallelize(cells, Math.max(1, cells.size()))
        .map(c -> runCell(suiteText, source, c, Path.of(folder)))
        .collect();
    try {
      return gather(out, outcomes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results into " + out + ": " + e.getMessage(), e);
    }
  }

  /** Runs one cell (on an executor). */
  static CellOutcome runCell(String suiteText, String source, CellKey key, Path out) throws IOException {
    long t0 = System.nanoTime();
    PluginRegistry registry = SparkSessions.executorRegistry();
    Suite full;
    try {
      full = new SuiteParser(registry).parse(suiteText, source);
    } catch (RuntimeException e) {
      // the driver read this suite: what fails here is what this executor lacks (a plugin's jar)
      throw new IllegalStateException(SparkSessions.executorName() + " cannot read suite " + source + ": "
          + e.getMessage() + " (did every plugin jar reach the executors? 'inn spark --plugins DIR', or "
          + "spark-submit --jars)", e);
    }
    ProblemEntry problem = full.problems().get(key.problem());
    MethodEntry m = full.methods().get(key.method());
    Suite one = new Suite(full.name(), full.description(), List.of(key.seed()), full.trainSize(), full.testSize(),
        full.samples(), full.testSeed(), full.bootstrap(), List.of(problem),
        List.of(new MethodEntry(m.label(), m.plugin(), m.settings(), List.of())), full.metrics(), full.reference(),
        full.figures(), full.source());
    RunResults results;
    try {
      results = new SuiteRunner(registry, ProgressListener.NONE).run(one);
    } catch (RuntimeException e) {
      // a cell whose only method failed has no report; its row in cells.csv says why
      return new CellOutcome(key, List.of(), List.of(String.valueOf(e.getMessage())), (System.nanoTime() - t0) / 1e9,
          "");
    }
    Path dir = out.resolve("cells").resolve(key.folder());
    Path html = ReportWriter.write(results, RunInfo.detect("inn spark run " + source + " (cell " + key.folder() + ")"),
        dir);
    List<String> csv = Files.readAllLines(dir.resolve("results-by-seed.csv"), StandardCharsets.UTF_8);
    return new CellOutcome(key, csv, results.failures(), (System.nanoTime() - t0) / 1e9, html.toString());
  }

  private static Summary gather(Path out, List<CellOutcome> outcomes) throws IOException {
    Files.createDirectories(out);
    // rows grouped by their header: problems with the same columns share one file
    Map<String, List<String>> byHeader = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder("problem,method,seed,seconds,status,report\n");
    int failed = 0;
    for (CellOutcome o : outcomes) {
      if (!o.csv().isEmpty()) {
        byHeader.computeIfAbsent(o.csv().get(0), h -> new ArrayList<>()).addAll(o.csv().subList(1, o.csv().size()));
      }
      boolean ok = o.failures().isEmpty();
      failed += ok ? 0 : 1;
      index.append(String.join(",", csvField(o.key().problemLabel()), csvField(o.key().methodLabel()),
          Long.toString(o.key().seed()), String.format(Locale.ROOT, "%.1f", o.seconds()),
          ok ? "ok" : csvField("failed: " + o.failures().get(0)), csvField(o.report()))).append('\n');
    }
    List<Path> files = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<String>> e : byHeader.entrySet()) {
      String name = byHeader.size() == 1 ? "results-by-seed.csv" : "results-by-seed-" + (++i) + ".csv";
      files.add(write(out.resolve(name), e.getKey() + "\n" + String.join("\n", e.getValue()) + "\n"));
    }
    files.add(write(out.resolve("cells.csv"), index.toString()));
    return new Summary(outcomes.size(), failed, files);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static Path write(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
