package dev.inn.bench.cli;

import static dev.inn.bench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Matrix;
import dev.inn.problems.dataset.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26's bad raw input through the command line, for training data and for observations:
 * an empty set, a sequence shorter than the network takes (the built-in networks pad: one step
 * is enough, none is refused), rows of the wrong width, NaN inside a set, a vector where a set
 * is declared. Each is refused with the file, the observation and the place, before any training
 * or sampling, and no output file is left.
 */
class RawBadInputTest {

  @TempDir
  static Path dir;

  static Path pairs;
  static Path lengths;
  static Path series;

  /** Sets of 3..8 rows of 2 values (NPY with lengths) and sequences of 4..12 steps (long CSV). */
  @BeforeAll
  static void data() throws Exception {
    Random r = new Random(9);
    int n = 120;
    float[] x = new float[n];
    float[] y = new float[n * 16];
    float[] len = new float[n];
    StringBuilder csv = new StringBuilder("curve,rate,level\n");
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
      len[i] = 3 + r.nextInt(6);
      for (int k = 0; k < 2 * len[i]; k++) {
        y[i * 16 + k] = (float) (x[i] + r.nextGaussian());
      }
      int steps = 4 + r.nextInt(9);
      double level = 0;
      for (int t = 0; t < steps; t++) {
        level = x[i] * level + r.nextGaussian();
        csv.append(i).append(',').append(x[i]).append(',').append(level).append('\n');
      }
    }
    pairs = write("y.npy", new Matrix(n, 16, y));
    lengths = write("len.npy", new Matrix(n, 1, len));
    write("x.npy", new Matrix(n, 1, x));
    series = Files.writeString(dir.resolve("series.csv"), csv.toString());
  }

  private static Path write(String name, Matrix m) throws Exception {
    return Files.write(dir.resolve(name), NpyWriter.float32(m));
  }

  private static CliRun trainSets(Path y, Path len, String out) {
    return run("train", "--problem", "dataset", "-p", "format=\"npy\"", "-p", "x_path=" + dir.resolve("x.npy"), "-p",
        "y_path=" + y, "-p", "lengths_path=" + len, "-p", "observation=\"set\"", "-p", "y_columns=[\"a\",\"b\"]",
        "-m", "blocks=2", "-m", "hidden=16", "-m", "ensemble=1", "-m", "max_epochs=1", "--out",
        dir.resolve(out).toString());
  }

  @Test
  void badTrainingSetsAreRefusedBeforeTraining() throws Exception {
    Matrix y = dev.inn.problems.dataset.NpyReader.read(pairs);
    float[] len = dev.inn.problems.dataset.NpyReader.read(lengths).data().clone();
    // an empty set: row 7 has no elements
    float[] emptyY = y.data().clone();
    java.util.Arrays.fill(emptyY, 7 * 16, 8 * 16, 0f);
    float[] emptyLen = len.clone();
    emptyLen[7] = 0;
    CliRun r = trainSets(write("empty-y.npy", new Matrix(y.rows(), 16, emptyY)), write("empty-len.npy",
        new Matrix(y.rows(), 1, emptyLen)), "empty.inn");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("empty-len.npy row 7").contains("empty set");
    assertThat(dir.resolve("empty.inn")).doesNotExist();

    // NaN inside a set: row 4, element 1, value 0
    float[] nanY = y.data().clone();
    nanY[4 * 16 + 2] = Float.NaN;
    r = trainSets(write("nan-y.npy", new Matrix(y.rows(), 16, nanY)), lengths, "nan.inn");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("nan-y.npy row 4, element 1, value 0: NaN is not a finite number");
    assertThat(dir.resolve("nan.inn")).doesNotExist();

    // rows of the wrong width: 15 values are not whole elements of 2
    float[] odd = new float[y.rows() * 15];
    r = trainSets(write("odd-y.npy", new Matrix(y.rows(), 15, odd)), lengths, "odd.inn");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("odd-y.npy: rows of 15 values are not a whole number of elements of 2 values");
    assertThat(dir.resolve("odd.inn")).doesNotExist();
  }

  @Test
  void observationsOfASetModelAreCheckedBeforeSampling() throws Exception {
    Path model = dir.resolve("sets.inn");
    CliRun r = trainSets(pairs, lengths, "sets.inn");
    assertThat(r.code()).as(r.err()).isZero();
    // rows of the wrong width: 3 values are not whole rows of 2 (long CSV with a missing value column)
    Path narrow = Files.writeString(dir.resolve("narrow.csv"), "id,a\n0,0.5\n0,0.7\n");
    r = run("sample", model.toString(), "--observations", narrow.toString(), "-n", "20");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("narrow.csv").contains("'b'");
    Path odd = write("odd-obs.npy", new Matrix(1, 3, new float[] {1f, 2f, 3f}));
    Path one = write("one.npy", new Matrix(1, 1, new float[] {1f}));
    r = run("sample", model.toString(), "--observations", odd.toString(), "--lengths", one.toString(), "-n", "20");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("odd-obs.npy").contains("not a whole number of elements of 2");
    // NaN inside a set, in a long CSV: line 3 is row 1 of observation 5
    Path nan = Files.writeString(dir.resolve("nan.csv"), "id,a,b\n5,0.5,0.1\n5,NaN,0.2\n");
    r = run("analyze", model.toString(), "--observations", nan.toString(), "--out", dir.resolve("nan-page").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("nan.csv line 3, column 'a'");
    assertThat(dir.resolve("nan-page")).doesNotExist();
    // a vector where a set is declared
    r = run("sample", model.toString(), "-y", "0.5,0.1");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("observes a set of rows of 2 values [a, b], not a vector");
  }

  @Test
  void sequencesOfOneStepArePaddedAndEmptyOnesRefused() throws Exception {
    Path model = dir.resolve("series.inn");
    CliRun r = run("train", "--problem", "dataset", "-p", "path=" + series, "-p", "observation=\"sequence\"", "-p",
        "id_column=\"curve\"", "-p", "y_columns=[\"level\"]", "-m", "blocks=2", "-m", "hidden=16", "-m", "ensemble=1",
        "-m", "max_epochs=1", "--out", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // shorter than the convolution's receptive field (29 steps): its ends are zero-padded
    Path short1 = Files.writeString(dir.resolve("short.csv"), "curve,level\n3,0.4\n");
    r = run("sample", model.toString(), "--observations", short1.toString(), "--id-column", "curve", "-n", "20");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(21);
    Path empty = write("empty-seq.npy", new Matrix(2, 2, new float[] {0.5f, 0.1f, 0f, 0f}));
    Path len = write("empty-seq-len.npy", new Matrix(2, 1, new float[] {2f, 0f}));
    r = run("sample", model.toString(), "--observations", empty.toString(), "--lengths", len.toString(), "--row", "1");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("empty-seq-len.npy row 1: length 0, an empty sequence");
  }
}
