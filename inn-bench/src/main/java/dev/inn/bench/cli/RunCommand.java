package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.method.ProgressListener;
import dev.inn.bench.harness.RunResults;
import dev.inn.bench.harness.SuiteRunner;
import dev.inn.bench.report.ReportWriter;
import dev.inn.bench.report.RunInfo;
import dev.inn.bench.suite.Suite;
import dev.inn.bench.suite.SuiteParser;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inn run SUITE}: trains and evaluates every problem x method x seed and writes a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a benchmark suite (a TOML file or a shipped suite: quickstart, paper-8modes, paper-kinematics,"
        + " ballistics) and write tables, figures and an HTML report.")
final class RunCommand implements Callable<Integer> {

  private final PluginLookup plugins;

  @Inject
  RunCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }


  @Mixin
  Main.Common common;

  @Parameters(paramLabel = "SUITE", description = "suite file or shipped suite name")
  String suite;

  @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<suite>-<timestamp>)")
  Path out;

  @Option(names = "--seed", description = "train with this single seed instead of the suite's seeds")
  Long seed;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Suite s = new SuiteParser(plugins).load(suite);
    if (seed != null) {
      s = s.withSeed(seed);
    }
    Path target = out != null ? out
        : Path.of("runs", s.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (target.toFile().exists()) {
      throw new IllegalArgumentException("output folder " + target + " already exists; choose another --out");
    }
    ProgressListener progress = ConsoleProgress.forConsole();
    RunResults results;
    try {
      results = new SuiteRunner(plugins, progress).run(s);
    } finally {
      if (progress instanceof ConsoleProgress c) {
        c.close();
      }
    }
    Path html = ReportWriter.write(results, RunInfo.detect("inn run " + suite + (seed != null ? " --seed " + seed : "")),
        target);
    spec.commandLine().getOut().println("report: " + html);
    List<String> failed = results.failures();
    if (!failed.isEmpty()) {
      // the finished results are in the report; the exit code still tells scripts that something failed
      spec.commandLine().getErr().println("error: " + failed.size() + " method run(s) failed, marked in the report: "
          + failed.get(0));
      return 3;
    }
    return 0;
  }
}
