package dev.inn.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.bench.faults.Cli.Result;
import dev.inn.bench.testplugins.LinearGaussianMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites (issue 14, "Measured"): one method that diverges inside a suite used to abort it and
 * lose every other method's finished results; an interrupted suite had to start over.
 */
class SuiteFaultsTest {

  @Test
  void aFailedMethodIsMarkedInTheReportAndNothingFinishedMeansNoReport(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("fail.toml");
    Files.writeString(suite, Cli.SUITE.replace("settings = { spread = 0.5 }", "settings = { fail = true }"));
    Path out = dir.resolve("report");
    Result r = Cli.run("run", suite.toString(), "--out", out.toString());
    // the other method's finished results are kept: the report is written and marks the failure
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err().strip()).contains("1 method run(s) failed")
        .contains("method 'overconfident' on problem 'test-linear-gaussian' (seed 1)").doesNotContain("\tat ");
    String table = Files.readString(out.resolve("test-linear-gaussian/table.md"));
    assertThat(table).contains("| exact |").contains("overconfident");
    assertThat(Files.readString(out.resolve("results.csv"))).contains("exact");
    assertThat(dir.resolve("report.cells")).as("checkpoint removed once the report holds everything").doesNotExist();

    // when nothing finishes there is no report, only the error
    Path only = dir.resolve("only-fail.toml");
    String single = Cli.SUITE.replace("settings = { spread = 0.5 }", "settings = { fail = true }")
        .replace("[[methods]]\nname = \"test-linear-fit\"\nlabel = \"exact\"\n\n", "");
    assertThat(single).doesNotContain("\"exact\"");
    Files.writeString(only, single);
    Path out2 = dir.resolve("report2");
    Result r2 = Cli.run("run", only.toString(), "--out", out2.toString());
    assertThat(r2.code()).isNotZero();
    assertThat(r2.err().strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("error: method 'overconfident' on problem 'test-linear-gaussian' (seed 1)").doesNotContain("\tat ");
    assertThat(out2).doesNotExist();
    assertThat(dir.resolve("report2.cells")).doesNotExist();
  }

  @Test
  void anInterruptedSuiteResumesWithoutRedoingFinishedRunsAndGivesTheSameReport(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("s.toml");
    Files.writeString(suite, Cli.SUITE);
    Path full = dir.resolve("full");
    Result uninterrupted = Cli.run("run", suite.toString(), "--out", full.toString());
    assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

    // killed while training the second method: the first one's run is kept on disk
    Path resumed = dir.resolve("resumed");
    LinearGaussianMethod.killAtSpread = 0.5;
    try {
      assertThatThrownBy(() -> Cli.run("run", suite.toString(), "--out", resumed.toString()))
          .isInstanceOf(LinearGaussianMethod.SimulatedKill.class);
    } finally {
      LinearGaussianMethod.killAtSpread = Double.NaN;
    }
    assertThat(resumed).doesNotExist();
    Path cells = dir.resolve("resumed.cells");
    try (Stream<Path> s = Files.list(cells)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cell")))
          .singleElement().asString().startsWith("test-linear-gaussian.exact.seed1.");
    }

    // resumed: the finished run is taken from disk; retraining it would be killed here
    LinearGaussianMethod.killAtSpread = 1.0;
    Result again;
    try {
      again = Cli.run("run", suite.toString(), "--out", resumed.toString(), "--resume");
    } finally {
      LinearGaussianMethod.killAtSpread = Double.NaN;
    }
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).contains("(1 so far)");
    assertThat(cells).doesNotExist();

    Map<String, byte[]> a = reportFiles(full);
    Map<String, byte[]> b = reportFiles(resumed);
    assertThat(b.keySet()).isEqualTo(a.keySet()).contains("results.csv", "test-linear-gaussian/table.csv",
        "test-linear-gaussian/figures/calibration.png");
    a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void resumeRefusesASuiteThatChangedAndSaysWhen(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("s.toml");
    Files.writeString(suite, Cli.SUITE);
    Path out = dir.resolve("r");
    LinearGaussianMethod.killAtSpread = 0.5;
    try {
      assertThatThrownBy(() -> Cli.run("run", suite.toString(), "--out", out.toString()))
          .isInstanceOf(LinearGaussianMethod.SimulatedKill.class);
    } finally {
      LinearGaussianMethod.killAtSpread = Double.NaN;
    }
    Files.writeString(suite, Cli.SUITE.replace("samples = 300\nbootstrap", "samples = 200\nbootstrap"));
    Result r = Cli.run("run", suite.toString(), "--out", out.toString(), "--resume");
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).startsWith("error: cannot resume from " + dir.resolve("r.cells"))
        .contains("the suite changed").contains("was 'samples = 300', now 'samples = 200'");
    assertThat(dir.resolve("r.cells")).as("the finished runs are not lost").isDirectory();

    // a fresh run may not silently mix with them either
    Result fresh = Cli.run("run", suite.toString(), "--out", out.toString());
    assertThat(fresh.code()).isNotZero();
    assertThat(fresh.err()).contains("continue it with --resume");

    Result none = Cli.run("run", suite.toString(), "--out", dir.resolve("never").toString(), "--resume");
    assertThat(none.code()).isNotZero();
    assertThat(none.err().strip()).startsWith("error: nothing to resume");
  }

  /** Every report file by relative path, with results-by-seed.csv's wall-time columns cut (they differ per run). */
  private static Map<String, byte[]> reportFiles(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(p).toString();
        if (name.equals("report.html") || name.equals("versions.txt")) {
          continue; // wall times and the command line
        }
        byte[] bytes = Files.readAllBytes(p);
        if (name.equals("results-by-seed.csv")) {
          bytes = Files.readAllLines(p).stream()
              .map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, l.split(",", -1).length - 3)))
              .collect(Collectors.joining("\n")).getBytes();
        }
        out.put(name, bytes);
      }
    }
    return out;
  }

  @Test
  void labelsAreTextInTheMarkdownTable(@TempDir Path dir) throws Exception {
    // issue 30: table.md kept HTML from labels unescaped
    Path suite = dir.resolve("html.toml");
    Files.writeString(suite, Cli.SUITE.replace("label = \"exact\"", "label = \"<img src=x onerror=alert(1)>|b\""));
    Path out = dir.resolve("report");
    Result r = Cli.run("run", suite.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String table = Files.readString(out.resolve("test-linear-gaussian/table.md"));
    assertThat(table).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;\\|b");
  }
}
