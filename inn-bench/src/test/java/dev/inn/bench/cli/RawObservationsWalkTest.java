package dev.inn.bench.cli;

import static dev.inn.bench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Matrix;
import dev.inn.problems.dataset.NpyWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sets whose size differs, from a user's long-form CSV to posterior samples and an analysis page:
 * trials y ~ N(mu, sigma^2), 5 to 40 per experiment, x = (mu, sigma). No setting names a summary
 * network: the default cINN picks one for sets. Bad observations are refused before sampling,
 * naming the observation and the element.
 */
class RawObservationsWalkTest {

  @TempDir
  static Path dir;

  static Path model;

  @BeforeAll
  static void train() throws Exception {
    Random rng = new Random(3);
    StringBuilder csv = new StringBuilder("experiment,mu,sigma,rt\n");
    for (int i = 0; i < 1200; i++) {
      double mu = rng.nextGaussian();
      double sigma = 0.3 + rng.nextDouble();
      int n = 5 + rng.nextInt(36);
      for (int k = 0; k < n; k++) {
        csv.append(i).append(',').append(mu).append(',').append(sigma).append(',')
            .append(mu + sigma * rng.nextGaussian()).append('\n');
      }
    }
    Path data = Files.writeString(dir.resolve("trials.csv"), csv.toString());
    model = dir.resolve("sets.inn");
    CliRun r = run("train", "--problem", "dataset", "-p", "path=" + data, "-p", "observation=\"set\"",
        "-p", "id_column=\"experiment\"", "-p", "y_columns=[\"rt\"]", "-p", "test_fraction=0.1",
        "-m", "blocks=3", "-m", "hidden=32", "-m", "ensemble=1", "-m", "max_epochs=4", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Files.delete(data);
  }

  @Test
  void aLongCsvObservationIsSampledAndAnalysed() throws Exception {
    Path obs = Files.writeString(dir.resolve("obs.csv"), "id,rt\n7,0.9\n7,1.3\n7,1.1\n7,0.7\n7,1.2\n7,1.0\n");
    CliRun r = run("sample", model.toString(), "--observations", obs.toString(), "-n", "300");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("mu,sigma");
    assertThat(lines).hasSize(301);
    double mean = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[0])).average().orElseThrow();
    assertThat(mean).isBetween(0.4, 1.5);

    Path analysis = dir.resolve("analysis");
    r = run("analyze", model.toString(), "--observations", obs.toString(), "-n", "300", "--out", analysis.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String page = Files.readString(analysis.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(page).contains("a set of 6 rows of (rt)", "Misspecification check");

    r = run("diagnose", model.toString(), "--pairs", "60", "-n", "100", "--out", dir.resolve("diag").toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void npyObservationsWithLengthsAndBadInputNamedBeforeSampling() throws Exception {
    Path y = Files.write(dir.resolve("y.npy"), NpyWriter.float32(new Matrix(2, 4, new float[] {
        1f, 2f, 0f, 0f,
        0.5f, 0.4f, 0.6f, 0.2f})));
    Path lengths = Files.write(dir.resolve("len.npy"), NpyWriter.float32(new Matrix(2, 1, new float[] {2f, 4f})));
    CliRun r = run("sample", model.toString(), "--observations", y.toString(), "--lengths", lengths.toString(),
        "--row", "1", "-n", "50");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(51);

    r = run("sample", model.toString(), "--observations", y.toString(), "--lengths", lengths.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("holds 2 observations; pick one with --row K");

    r = run("sample", model.toString(), "-y", "1,2,3");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("observes a set of rows of 1 value [rt], not a vector");

    Path empty = Files.write(dir.resolve("empty.npy"), NpyWriter.float32(new Matrix(2, 1, new float[] {2f, 0f})));
    Path zeros = Files.write(dir.resolve("zeros.npy"), NpyWriter.float32(new Matrix(2, 2, new float[] {1f, 2f, 0f,
        0f})));
    r = run("sample", model.toString(), "--observations", zeros.toString(), "--lengths", empty.toString(), "--row",
        "0");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("empty.npy row 1: length 0, an empty set");

    Path nan = Files.write(dir.resolve("nan.npy"), NpyWriter.float32(new Matrix(1, 3, new float[] {1f, Float.NaN,
        2f})));
    Path three = Files.write(dir.resolve("three.npy"), NpyWriter.float32(new Matrix(1, 1, new float[] {3f})));
    r = run("analyze", model.toString(), "--observations", nan.toString(), "--lengths", three.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("nan.npy row 0, element 1, value 0: NaN is not a finite number");

    Path badCsv = Files.writeString(dir.resolve("bad.csv"), "id,rt\n1,0.5\n1,nan\n");
    r = run("sample", model.toString(), "--observations", badCsv.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("bad.csv line 3, column 'rt'");
  }
}
