package dev.inn.bench.cli;

import static dev.inn.bench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scientist's walk with their own simulations, on a small scale: a damped oscillator's
 * 20-point time series in a CSV (parameters as a column range, observations as "everything
 * else"), then train (the default method, cinn), sample, analyze, diagnose, plot and log-prob from
 * the model file alone (the CSV is deleted after training), each exiting 0 and writing its page.
 */
class OwnDataWalkTest {

  /** y(t) = a exp(-gamma t) cos(omega t) + N(0, 0.1^2) at 20 times; a, gamma, omega uniform. */
  private static void writeOscillator(Path csv, int rows) throws Exception {
    Random rng = new Random(7);
    StringBuilder sb = new StringBuilder("a,gamma,omega");
    for (int t = 0; t < 20; t++) {
      sb.append(",y").append(t);
    }
    sb.append('\n');
    for (int i = 0; i < rows; i++) {
      double a = 0.5 + rng.nextDouble() * 1.5;
      double gamma = 0.05 + rng.nextDouble() * 0.45;
      double omega = 1 + rng.nextDouble() * 2;
      sb.append(a).append(',').append(gamma).append(',').append(omega);
      for (int t = 0; t < 20; t++) {
        double time = 0.25 * t;
        sb.append(',').append(a * Math.exp(-gamma * time) * Math.cos(omega * time) + 0.1 * rng.nextGaussian());
      }
      sb.append('\n');
    }
    Files.writeString(csv, sb.toString());
  }

  @Test
  void csvToTrainSampleAnalyzeDiagnosePlotLogProb(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("osc.csv");
    writeOscillator(csv, 1500);
    Path model = dir.resolve("osc.inn");
    CliRun r = run("train", "dataset", "-p", "path=" + csv, "-p", "x_columns=[\"a:omega\"]",
        "-p", "y_columns=[\"*\"]", "-p", "test_fraction=0.1", "-m", "blocks=3", "-m", "hidden=32",
        "-m", "ensemble=1", "-m", "max_epochs=4", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // from here on the model file alone: the data stayed behind
    Files.delete(csv);
    String y = "1.2,0.99,0.6,0.1,-0.3,-0.5,-0.5,-0.4,-0.2,0.05,0.2,0.3,0.3,0.2,0.1,-0.05,-0.15,-0.2,-0.2,-0.15";

    Path samples = dir.resolve("post.csv");
    r = run("sample", model.toString(), "-y", y, "-n", "500", "--out", samples.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(samples);
    assertThat(lines.get(0)).isEqualTo("a,gamma,omega");
    assertThat(lines).hasSize(501);

    Path analysis = dir.resolve("analysis");
    r = run("analyze", model.toString(), "-y", y, "--true", "1.2,0.2,1.7", "-n", "500", "--out", analysis.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String page = Files.readString(analysis.resolve("index.html"), StandardCharsets.UTF_8);
    // contraction against the data set's own prior (its training parameters), kept in the model file
    assertThat(page).contains("Summary", "contraction", "no simulator");
    assertThat(analysis.resolve("corner.png")).exists();

    Path diagnosis = dir.resolve("diagnosis");
    r = run("diagnose", model.toString(), "--pairs", "100", "-n", "50", "--out", diagnosis.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String diag = Files.readString(diagnosis.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(diag).contains("100 held-out pairs", "Simulation-based calibration", "TARP", "Verdict");
    for (String f : new String[] {"sbc", "coverage", "tarp", "recovery"}) {
      assertThat(Files.size(diagnosis.resolve(f + ".png"))).isGreaterThan(1000);
    }
    // more pairs than the model keeps: all of them, said on the page
    r = run("diagnose", model.toString(), "--pairs", "1000", "-n", "20", "--out", dir.resolve("d2").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("d2/index.html"))).contains("(all 150 it has of the 1000 asked for)");

    Path figure = dir.resolve("corner.png");
    r = run("plot", samples.toString(), "--true", "1.2,0.2,1.7", "--out", figure.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.size(figure)).isGreaterThan(1000);
    assertThat(dir.resolve("corner.svg")).exists();

    r = run("log-prob", model.toString(), "-y", y, "--params", samples.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> logq = r.out().lines().toList();
    assertThat(logq.get(0)).isEqualTo("log_prob");
    assertThat(logq).hasSize(501);
    assertThat(logq.subList(1, logq.size())).allSatisfy(v -> assertThat(Double.parseDouble(v)).isFinite());
  }
}
