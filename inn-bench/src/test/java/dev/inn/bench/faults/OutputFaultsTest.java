package dev.inn.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.bench.cli.Main;
import dev.inn.bench.faults.Cli.Result;
import dev.inn.core.persistence.AtomicFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs (issue 14, "Measured"): samples on standard output lost their tail (-n 5 printed
 * nothing, 4096 gave 3773 lines); an unwritable destination was reported only after training,
 * naming a .part file, and --out /dev/full replaced the device with a model file.
 */
class OutputFaultsTest {

  @Test
  void samplesOnStandardOutputAreComplete(@TempDir Path dir) {
    Path model = dir.resolve("m.inn");
    assertThat(Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size",
        "500", "--out", model.toString()).code()).isZero();
    for (int n : new int[] {1, 5, 4096, 100_000}) {
      // a writer without auto-flush, as System.out is for print(): nothing may stay in its buffer
      StringWriter out = new StringWriter();
      int code = Main.execute(new String[] {"sample", "--model", model.toString(), "-y", "1.5", "-n",
          Integer.toString(n)}, new PrintWriter(out, false), new PrintWriter(new StringWriter(), false));
      assertThat(code).isZero();
      assertThat(out.toString().lines().count()).as("rows for -n " + n).isEqualTo(n + 1L);
      assertThat(out.toString()).endsWith("\n");
    }
  }

  @Test
  void aDestinationThatIsNotARegularFileIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    // 10^6 steps would take minutes: the refusal has to come first
    String[] slow = {"--problem", "test-linear-gaussian", "--method", "cinn", "-m", "max_epochs=1000000",
        "-m", "patience=1000000", "--train-size", "500"};
    for (Path target : new Path[] {folder, Path.of("/dev/full")}) {
      if (!Files.exists(target)) {
        continue;
      }
      long t0 = System.nanoTime();
      Result r = Cli.run(concat(slow, "--out", target.toString()));
      assertThat(r.code()).isNotZero();
      assertThat(r.err().strip()).isEqualTo("error: refusing to write a model onto " + target
          + ": it exists and is not a regular file");
      assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
      assertThat(Files.isRegularFile(target)).as("the device or folder is left as it was").isFalse();
    }
    try (Stream<Path> s = Files.list(folder)) {
      assertThat(s).isEmpty();
    }

    Path model = dir.resolve("m.inn");
    assertThat(Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--out",
        model.toString()).code()).isZero();
    Result samples = Cli.run("sample", "--model", model.toString(), "-y", "1", "--out", folder.toString());
    assertThat(samples.code()).isNotZero();
    assertThat(samples.err()).contains("must end in .csv, .npy or .zarr");
    Path csvFolder = Files.createDirectories(dir.resolve("x.csv"));
    Result onto = Cli.run("sample", "--model", model.toString(), "-y", "1", "--out", csvFolder.toString());
    assertThat(onto.err().strip()).isEqualTo("error: refusing to write samples onto " + csvFolder
        + ": it exists and is not a regular file");
  }

  @Test
  void aReportFolderThatExistsIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("s.toml");
    Files.writeString(suite, Cli.SUITE);
    Path out = Files.createDirectories(dir.resolve("taken"));
    Result r = Cli.run("run", suite.toString(), "--out", out.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).isEqualTo("error: output folder " + out + " already exists; choose another --out");
    assertThat(dir.resolve("taken.cells")).doesNotExist();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[1 + a.length + b.length];
    out[0] = "train";
    System.arraycopy(a, 0, out, 1, a.length);
    System.arraycopy(b, 0, out, 1 + a.length, b.length);
    return out;
  }

  @Test
  void aDestinationWithoutRoomIsRefusedBeforeAnyFolderIsMade(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("new").resolve("sub");
    // more than any disk holds: the check must fail, name the folder and both sizes, and create nothing
    assertThatThrownBy(() -> AtomicFile.checkSpace(target, Long.MAX_VALUE, "a model"))
        .hasMessageContaining("not enough space for a model in " + target).hasMessageContaining("MB free")
        .hasMessageContaining("needed");
    assertThat(dir.resolve("new")).doesNotExist();
    AtomicFile.checkSpace(target, 1, "a model");
  }
}
