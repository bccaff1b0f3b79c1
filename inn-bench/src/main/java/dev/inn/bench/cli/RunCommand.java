package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.method.ProgressListener;
import dev.inn.bench.harness.Checkpoint;
import dev.inn.bench.harness.RunResults;
import dev.inn.bench.harness.SuiteRunner;
import dev.inn.bench.report.ConfigToml;
import dev.inn.bench.report.ReportWriter;
import dev.inn.bench.report.RunInfo;
import dev.inn.bench.suite.Suite;
import dev.inn.bench.suite.SuiteParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn run SUITE}: trains and evaluates every problem x method x seed and writes a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a benchmark suite (a TOML file or a shipped suite: ${inn.shipped-suites}) and write tables,"
        + " figures and an HTML report.")
final class RunCommand extends PluginCommand {

  @Inject
  RunCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Parameters(paramLabel = "SUITE", description = "suite file or shipped suite name")
  String suite;

  @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<suite>-<timestamp>)")
  Path out;

  @Option(names = "--seed", description = "train with this single seed instead of the suite's seeds")
  Long seed;

  @Option(names = "--resume", description = "continue an interrupted run of this suite: its finished runs (kept in"
      + " DIR.cells beside the results folder) are not redone; with --out DIR that run, else the newest unfinished"
      + " one under runs/. Refused when the suite changed since.")
  boolean resume;

  @Override
  public Integer call() {
    Suite s = new SuiteParser(plugins).load(suite);
    if (seed != null) {
      s = s.withSeed(seed);
    }
    // too large for the heap: said before a checkpoint folder exists
    new SuiteRunner(plugins, ProgressListener.NONE).checkMemory(s, Runtime.getRuntime().maxMemory());
    String resolved = ConfigToml.write(s);
    Path target;
    Checkpoint checkpoint;
    if (resume) {
      target = out != null ? out : unfinishedRun(s.name());
      if (Files.exists(target)) {
        throw new IllegalArgumentException("nothing to resume: " + target + " is a finished report");
      }
      checkpoint = Checkpoint.resume(cellsFolder(target), resolved);
    } else {
      target = out != null ? out
          : Path.of("runs", s.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      if (target.toFile().exists()) {
        throw new IllegalArgumentException("output folder " + target + " already exists; choose another --out");
      }
      if (Files.exists(cellsFolder(target))) {
        throw new IllegalArgumentException(cellsFolder(target) + " holds the finished runs of an interrupted run;"
            + " continue it with --resume, or choose another --out");
      }
      checkpoint = Checkpoint.create(cellsFolder(target), resolved);
    }
    spec.commandLine().getErr().println("[inn] finished runs are kept in " + cellsFolder(target) + " ("
        + checkpoint.size() + " so far); if interrupted, continue with: inn run " + suite + (seed != null ? " --seed "
        + seed : "") + " --resume" + (out != null ? " --out " + out : ""));
    spec.commandLine().getErr().flush();
    RunResults results;
    try (ShownProgress progress = ConsoleProgress.forConsole()) {
      results = new SuiteRunner(plugins, progress, checkpoint).run(s);
    } catch (RuntimeException | Error e) {
      if (checkpoint.size() == 0) {
        checkpoint.delete();
      }
      throw e;
    }
    Path html = ReportWriter.write(results, RunInfo.detect("inn run " + suite + (seed != null ? " --seed " + seed : "")),
        target);
    spec.commandLine().getOut().println("report: " + html);
    // the report holds every result now
    checkpoint.delete();
    List<String> failed = results.failures();
    if (!failed.isEmpty()) {
      // the finished results are in the report; the exit code still tells scripts that something failed
      spec.commandLine().getErr().println("error: " + failed.size() + " method run(s) failed, marked in the report: "
          + failed.get(0));
      return 3;
    }
    return 0;
  }

  /** Where the finished runs of the results folder {@code target} are kept until its report is written. */
  static Path cellsFolder(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".cells");
  }

  /** The newest runs/NAME-* results folder whose report was never written, or an error saying there is none. */
  private static Path unfinishedRun(String name) {
    Path runs = Path.of("runs");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(runs)) {
      try (Stream<Path> list = Files.list(runs)) {
        list.filter(p -> p.getFileName().toString().startsWith(name + "-")
            && p.getFileName().toString().endsWith(".cells") && Files.isDirectory(p)).forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + runs.toAbsolutePath() + ": " + e.getMessage(), e);
      }
    }
    String cells = ".cells";
    return found.stream().map(p -> p.getFileName().toString())
        .map(f -> runs.resolve(f.substring(0, f.length() - cells.length())))
        .filter(p -> !Files.exists(p)).max(Comparator.comparing(Path::toString))
        .orElseThrow(() -> new IllegalArgumentException("nothing to resume: no interrupted run of suite '" + name
            + "' under " + runs.toAbsolutePath() + " (its finished runs would be in runs/" + name + "-<time>.cells);"
            + " name one with --out DIR"));
  }
}
