package dev.inn.bench.report;

import dev.inn.bench.harness.Cell;
import dev.inn.bench.harness.MethodResults;
import dev.inn.bench.harness.ProblemResults;
import dev.inn.bench.harness.RunResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a run's results folder. Everything goes into a hidden temporary sibling folder first,
 * which is renamed to the final name only when complete, so an interrupted or failed run never
 * leaves a folder that looks like a finished report.
 *
 * <pre>
 * out/
 *   report.html          self-contained (images embedded)
 *   results.csv          one row per (problem, method): metric columns and _se columns
 *   results-by-seed.csv  one row per (problem, method, seed), with wall times
 *   config.toml          the resolved suite (defaults filled in)
 *   versions.txt         java, inn, git commit, seeds, start time, wall time
 *   &lt;problem&gt;/table.md, table.csv, figures/*.png
 * </pre>
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** The files of the report, by relative path. */
  public static Map<String, byte[]> render(RunResults run, RunInfo info) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<ProblemResults, List<Figure>> figures = new LinkedHashMap<>();
    for (ProblemResults p : run.problems()) {
      String dir = folderName(p.entry().label()) + "/";
      files.put(dir + "table.md", utf8(Tables.markdown(p)));
      files.put(dir + "table.csv", utf8(Tables.csv(p)));
      List<Figure> figs = new ArrayList<>();
      if (run.suite().figures().enabled()) {
        ProblemResults usable = withoutFailedRuns(p, run);
        figs.addAll(Figures.all(usable));
        figs.addAll(SuiteDiagnostics.figures(usable));
      }
      figures.put(p, figs);
      for (Figure f : figs) {
        files.put(dir + "figures/" + f.file(), png(f));
      }
    }
    String comparison = PublishedComparison.markdown(run);
    if (!comparison.isEmpty()) {
      files.put("comparison.md", utf8(comparison));
    }
    files.put("results.csv", utf8(resultsCsv(run, false)));
    files.put("results-by-seed.csv", utf8(resultsCsv(run, true)));
    files.put("config.toml", utf8(ConfigToml.write(run.suite())));
    files.put("versions.txt", utf8(info.describe(run)));
    files.put("report.html", utf8(HtmlReport.render(run, info, figures, files)));
    return files;
  }

  /** The problem's results without the runs that failed, which have nothing to draw. */
  private static ProblemResults withoutFailedRuns(ProblemResults p, RunResults run) {
    List<MethodResults> ok = p.perSeed().stream()
        .filter(m -> m.notes().stream().noneMatch(n -> n.startsWith("failed: "))).toList();
    Set<String> kept = new java.util.HashSet<>();
    ok.forEach(m -> kept.add(m.method()));
    Map<String, Map<String, Cell>> summary = new LinkedHashMap<>(p.summary());
    summary.keySet().retainAll(kept);
    return new ProblemResults(p.entry(), p.problem(), p.columns(), p.columnMetric(), ok, summary,
        p.figureObservations(), p.figureTruth(), p.references(), p.referenceLabel(), p.priorSamples(), p.notes());
  }

  /**
   * Writes the report to {@code out} atomically (temp folder + rename) and returns the path of
   * report.html. {@code out} must not exist yet.
   */
  public static Path write(RunResults run, RunInfo info, Path out) {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new IllegalArgumentException("output folder " + target + " already exists; choose another --out");
    }
    Path temp = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(target.getParent());
      deleteRecursively(temp);
      for (Map.Entry<String, byte[]> f : render(run, info).entrySet()) {
        Path p = temp.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return target.resolve("report.html");
    } catch (IOException e) {
      deleteRecursively(temp);
      throw new UncheckedIOException("cannot write report to " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteRecursively(temp);
      throw e;
    }
  }

  /** The reserved name of the temporary folder {@link #write} uses for {@code out}. */
  public static boolean isPartial(Path p) {
    return p.getFileName().toString().contains(".partial-");
  }

  static String resultsCsv(RunResults run, boolean bySeed) {
    Set<String> columns = new LinkedHashSet<>();
    run.problems().forEach(p -> columns.addAll(p.columns()));
    List<String> cols = new ArrayList<>(columns);
    StringBuilder sb = new StringBuilder();
    List<String> header = Tables.header(cols);
    if (bySeed) {
      header.add(2, "seed");
      header.addAll(List.of("train_seconds", "sample_seconds", "evaluate_seconds"));
    }
    sb.append(String.join(",", header)).append('\n');
    for (ProblemResults p : run.problems()) {
      if (bySeed) {
        for (MethodResults m : p.perSeed()) {
          List<String> row = Tables.row(p.entry().label(), m.method(), cols, fill(m.cells(), cols));
          row.add(2, Long.toString(m.seed()));
          row.addAll(List.of(seconds(m.trainSeconds()), seconds(m.sampleSeconds()), seconds(m.evaluateSeconds())));
          sb.append(String.join(",", row)).append('\n');
        }
      } else {
        for (Map.Entry<String, Map<String, Cell>> row : p.summary().entrySet()) {
          sb.append(String.join(",", Tables.row(p.entry().label(), row.getKey(), cols, fill(row.getValue(), cols))))
              .append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** Columns of other problems' metrics are n/a for this problem. */
  private static Map<String, Cell> fill(Map<String, Cell> cells, List<String> cols) {
    Map<String, Cell> out = new LinkedHashMap<>(cells);
    for (String c : cols) {
      out.putIfAbsent(c, Cell.notAvailable("not measured for this problem"));
    }
    return out;
  }

  private static String seconds(double s) {
    return String.format(java.util.Locale.ROOT, "%.3f", s);
  }

  static String folderName(String label) {
    String s = label.toLowerCase().replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "problem" : s;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] png(Figure f) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(f.image(), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode figure " + f.file(), e);
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      // best effort: a leftover temp folder is clearly marked .partial
    }
  }
}
