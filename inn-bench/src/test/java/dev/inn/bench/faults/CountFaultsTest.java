package dev.inn.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.bench.faults.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts and command-line values (issue 14, "Measured"): {@code --train-size -5} said
 * "error: -10", {@code -n 2000000000} overflowed, {@code samples = 1e8} ran into gigabytes, a
 * repeated -y was merged, an unknown command exited 0, the default --train-size exceeded small
 * data sets, and list settings had no shown syntax.
 */
class CountFaultsTest {

  @Test
  void badCountsAreRefusedNamingTheOption(@TempDir Path dir) {
    Path model = dir.resolve("m.inn");
    assertThat(Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size",
        "500", "--out", model.toString()).code()).isZero();
    Result negative = Cli.run("sample", "--model", model.toString(), "-y", "1.5", "-n", "-3");
    assertThat(negative.code()).isNotZero();
    assertThat(negative.err().strip()).isEqualTo("error: --samples must be at least 1, got -3");
    Result huge = Cli.run("sample", "--model", model.toString(), "-y", "1.5", "-n", "2000000000");
    assertThat(huge.code()).isNotZero();
    assertThat(huge.err()).contains("do not fit in one array");
    Path bad = dir.resolve("bad.inn");
    Result train = Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit",
        "--train-size", "-5", "--out", bad.toString());
    assertThat(train.code()).isNotZero();
    assertThat(train.err().strip()).isEqualTo("error: --train-size must be at least 2 training pairs, got -5");
    assertThat(Files.exists(bad)).isFalse();
    Result twice = Cli.run("sample", "--model", model.toString(), "-y", "1.5", "-y", "2.5");
    assertThat(twice.code()).isNotZero();
    assertThat(twice.err().strip()).startsWith("error: -y was given 2 times");
    Result word = Cli.run("sample", "--model", model.toString(), "-y", "abc");
    assertThat(word.err().strip()).isEqualTo("error: -y value 1 is 'abc', not a number");
    assertThat(Cli.run("analyse").code()).isNotZero();
  }

  @Test
  void aSuiteTooLargeForTheHeapFailsBeforeTraining(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("huge.toml");
    Files.writeString(suite, Cli.SUITE.replace("samples = 300\nbootstrap", "samples = 100000000\nbootstrap"));
    Result r = Cli.run("run", suite.toString(), "--out", dir.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).startsWith("error: problem 'test-linear-gaussian': 40 observations x 100000000 samples")
        .contains("GB").contains("lower 'samples'");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(dir.resolve("x.cells")).doesNotExist();
  }

  @Test
  void aTrainSizeAboveTheRowsOfADataSetNamesBothNumbers(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("small.csv");
    StringBuilder sb = new StringBuilder("a,y\n");
    for (int i = 0; i < 50; i++) {
      sb.append(i * 0.1).append(',').append(i * 0.2).append('\n');
    }
    Files.writeString(csv, sb);
    Path model = dir.resolve("m.inn");
    Result r = Cli.run("train", "--problem", "dataset", "-p", "path=" + csv, "-p", "y_columns=[\"y\"]", "--method",
        "test-linear-fit", "--train-size", "5000", "--out", model.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).isEqualTo("error: --train-size 5000 is more than the 45 training pairs of problem"
        + " 'dataset'; ask for at most 45, or leave --train-size out to use them all");
    assertThat(model).doesNotExist();

    Path suite = dir.resolve("s.toml");
    Files.writeString(suite, """
        name = "small"
        train_size = 1000
        [[problems]]
        name = "dataset"
        settings = { path = "%s", y_columns = ["y"] }
        [[methods]]
        name = "test-linear-fit"
        """.formatted(csv.toString().replace("\\", "\\\\")));
    Result s = Cli.run("run", suite.toString(), "--out", dir.resolve("out").toString());
    assertThat(s.code()).isNotZero();
    assertThat(s.err().strip()).isEqualTo("error: problem 'dataset': train_size 1000 is more than its 45 training"
        + " pairs; set train_size = 45 (or less) in its [[problems]] entry");
  }

  @Test
  void aListSettingGivenAsAPlainValueShowsTheListSyntax(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "a,y1,y2\n1,2,3\n4,5,6\n");
    Result r = Cli.run("train", "--problem", "dataset", "-p", "path=" + csv, "-p", "y_columns=y1,y2", "--out",
        dir.resolve("m.inn").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).isEqualTo("error: setting 'y_columns' of problem 'dataset' must be a list, got a string"
        + " (y1,y2); write a list in TOML syntax, in a suite: y_columns = [\"y1\", \"y2\"], on the command line:"
        + " 'y_columns=[\"y1\",\"y2\"]'");
    assertThat(Cli.run("train", "--help").out()).contains("-p 'y_columns=[\"y1\",\"y2\"]'");
  }

  @Test
  void issue30MessagesNameTheProblem(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.inn");
    assertThat(Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size",
        "500", "--out", model.toString()).code()).isZero();
    // a repeated -p key was silently the last one
    Path twice = dir.resolve("twice.inn");
    Result p = Cli.run("train", "--problem", "dataset", "-p", "path=a.csv", "-p", "path=b.csv", "--method",
        "test-linear-fit", "--out", twice.toString());
    assertThat(p.code()).isNotZero();
    assertThat(p.err().strip()).isEqualTo("error: --problem-setting sets 'path' twice (a.csv and b.csv); give each"
        + " setting once");
    // a value beyond float range was "not a finite number"
    Result big = Cli.run("sample", "--model", model.toString(), "-y", "1e40");
    assertThat(big.err().strip()).isEqualTo("error: -y value 1 is '1e40', beyond the range of a float (about ±3.4e38)");
    // a non-UTF-8 CSV said "Input length = 1"
    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "a,b,y1\n1,2,3\n4,5,6 \u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Result csv = Cli.run("train", "--problem", "dataset", "-p", "path=" + latin, "-p", "y_columns=[\"y1\"]",
        "--method", "test-linear-fit", "--out", dir.resolve("l.inn").toString());
    assertThat(csv.code()).isNotZero();
    assertThat(csv.err().strip()).isEqualTo("error: " + latin + " line 3: not UTF-8 text (save the file as UTF-8 or"
        + " ASCII)");
    // a folder given as the model was said not to exist
    Result folder = Cli.run("sample", "--model", dir.toString(), "-y", "1");
    assertThat(folder.err().strip()).isEqualTo("error: model file " + dir + " is a folder, not a model file");
    // hidden = 2000000000 ended in an OutOfMemoryError stack trace
    Result hidden = Cli.run("train", "--problem", "gaussian-mixture-8", "--method", "cinn", "-m", "hidden=2000000000",
        "-m", "threads=1", "--train-size", "200", "--out", dir.resolve("h.inn").toString());
    assertThat(hidden.code()).isNotZero();
    assertThat(hidden.err().strip()).startsWith("error: ").contains("more than the").contains("lower the layer sizes")
        .doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
  }
}
