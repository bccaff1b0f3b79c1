package dev.inn.bench.cli;

import static dev.inn.bench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inn analyze} and {@code inn diagnose} end to end on the linear Gaussian test problem,
 * whose exact posterior the test method fits: the exact fit passes every diagnostic, one with
 * half the spread is flagged as too narrow.
 */
class AnalyzeDiagnoseTest {

  private static Path train(Path dir, String name, String spread) {
    Path model = dir.resolve(name + ".inn");
    CliRun r = run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "-m", "spread=" + spread,
        "--train-size", "4000", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return model;
  }

  @Test
  void analyzeWritesOnePageWithFiguresAndVerdicts(@TempDir Path dir) throws Exception {
    Path model = train(dir, "exact", "1.0");
    Path out = dir.resolve("analysis");
    CliRun r = run("analyze", model.toString(), "-y", "1.5", "--true", "0.5,1", "-n", "2000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("analysis: " + out.toAbsolutePath().resolve("index.html"));
    String html = Files.readString(out.resolve("index.html"));
    // y = x0 + x1 + noise pins down the sum, not each part: posterior variance 1 - 1 / 2.25 = 0.56 of the
    // prior's (contraction 0.44, partly), and the parameters trade off (correlation -0.8)
    assertThat(html).contains("Summary", "The posterior has one mode", "x0 and x1 (-0.8", "partly recovered: x0, x1",
        "every observed value lies inside its central 99 % predictive interval", "corner.png", "correlation.svg");
    for (String f : new String[] {"corner", "correlation", "predictive"}) {
      assertThat(Files.size(out.resolve(f + ".png"))).isGreaterThan(1000);
      String svg = Files.readString(out.resolve(f + ".svg"), StandardCharsets.UTF_8);
      assertThat(svg).contains("<svg").contains("</svg");
    }
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void analyzeRefusesAnObservationOfTheWrongSizeBeforeWriting(@TempDir Path dir) {
    Path model = train(dir, "exact", "1.0");
    Path out = dir.resolve("analysis");
    CliRun r = run("analyze", model.toString(), "-y", "1,2", "--out", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("observation 1 has 2 values", "test-linear-gaussian");
    assertThat(out.resolve("index.html")).doesNotExist();
    CliRun bad = run("analyze", model.toString(), "-y", "1", "--true", "0.5,x", "--out", out.toString());
    assertThat(bad.err()).contains("--true value 2 is 'x', not a number");
  }

  @Test
  void diagnosePassesTheExactPosteriorAndFlagsAnOverconfidentOne(@TempDir Path dir) throws Exception {
    Path exact = train(dir, "exact", "1.0");
    Path narrow = train(dir, "narrow", "0.5");
    CliRun r = run("diagnose", exact.toString(), "--pairs", "200", "-n", "100", "--out", dir.resolve("d1").toString());
    assertThat(r.code()).as(r.err()).isZero();
    String html = Files.readString(dir.resolve("d1/index.html"));
    assertThat(html).contains("Verdict: no diagnostic flags the method");
    for (String f : new String[] {"sbc", "coverage", "tarp", "recovery"}) {
      assertThat(dir.resolve("d1/" + f + ".png")).exists();
      assertThat(dir.resolve("d1/" + f + ".svg")).exists();
    }
    r = run("diagnose", narrow.toString(), "--pairs", "200", "-n", "100", "--out", dir.resolve("d2").toString());
    assertThat(r.code()).as(r.err()).isZero();
    String flagged = Files.readString(dir.resolve("d2/index.html"));
    assertThat(flagged).contains("Verdict: flagged: x0 under-dispersed", "joint coverage under-dispersed",
        "TARP under-dispersed");
  }
}
