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

  /** The good.csv: columns a, b, y1, y2, 600 rows. */
  private static Path goodCsv(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("a,b,y1,y2\n");
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < 600; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      sb.append(String.format(java.util.Locale.ROOT, "%f,%f,%f,%f%n", a, b, a + b + 0.1 * r.nextGaussian(),
          a - b + 0.1 * r.nextGaussian()));
    }
    return Files.writeString(dir.resolve("good.csv"), sb);
  }

  @Test
  void outNeverReplacesTheInputNorAnotherKindOfFileWithoutForce(@TempDir Path dir) throws Exception {
    // issue 30: sample --out good.csv turned the 601-line training CSV into 6 lines; train --out notes.txt replaced it
    Path csv = goodCsv(dir);
    byte[] data = Files.readAllBytes(csv);
    Path model = dir.resolve("m.inn");
    String[] train = {"train", "--problem", "dataset", "-p", "path=" + csv, "-p", "y_columns=[\"y1\",\"y2\"]",
        "--method", "cinn", "-m", "max_epochs=2", "-m", "hidden=16", "-m", "threads=1", "--out"};
    Result own = Cli.run(join(train, csv.toString()));
    assertThat(own.code()).isNotZero();
    assertThat(own.err().strip()).startsWith("error: --out " + csv).contains("which this command reads");
    assertThat(Files.readAllBytes(csv)).isEqualTo(data);

    Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
    Result t = Cli.run(join(train, notes.toString()));
    assertThat(t.code()).isNotZero();
    assertThat(t.err().strip()).contains("exists and is not an inn model file").contains("--force");
    assertThat(Files.readString(notes)).isEqualTo("my notes\n");

    assertThat(Cli.run(join(train, model.toString())).code()).isZero();
    // a model replaces a model
    assertThat(Cli.run(join(train, model.toString())).code()).isZero();

    Result s = Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "5", "--out", csv.toString());
    assertThat(s.code()).isNotZero();
    assertThat(s.err().strip()).contains("exists and is not a samples file").contains("--force");
    assertThat(Files.readAllBytes(csv)).isEqualTo(data);
    Result m = Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "5", "--out", model.toString(),
        "--force");
    assertThat(m.code()).isNotZero();
    assertThat(m.err()).contains("which this command reads");

    // samples replace samples of the same parameters; --force replaces anything but an input
    Path samples = dir.resolve("s.csv");
    assertThat(Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "5", "--out",
        samples.toString()).code()).isZero();
    assertThat(Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "7", "--out",
        samples.toString()).code()).isZero();
    assertThat(Files.readAllLines(samples)).hasSize(8);
    Path other = Files.writeString(dir.resolve("other.csv"), "p,q\n1,2\n");
    assertThat(Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "5", "--out",
        other.toString()).code()).isNotZero();
    assertThat(Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "5", "--out",
        other.toString(), "--force").code()).isZero();
    assertThat(Files.readAllLines(other)).hasSize(6);
  }

  @Test
  void aStoreGoesIntoANewOrEmptyFolderOrItsOwn(@TempDir Path dir) throws Exception {
    // issue 30: inn simulate wrote its chunks into any non-empty folder, mixed with the user's files
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("thesis.tex"), "\\documentclass{article}\n");
    Files.writeString(mine.resolve(".draft.tmp"), "keep me\n");
    String[] sim = {"simulate", "test-linear-gaussian", "--n", "100", "--chunk", "50", "--workers", "1", "--out"};
    Result r = Cli.run(join(sim, mine.toString()));
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip()).startsWith("error: folder " + mine + " is not empty").contains("thesis.tex")
        .contains("new or empty folder");
    try (Stream<Path> files = Files.list(mine)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("thesis.tex", ".draft.tmp");
    }
    Path store = dir.resolve("store");
    assertThat(Cli.run(join(sim, store.toString())).code()).isZero();
    // its own store: resumed (here: already complete)
    assertThat(Cli.run(join(sim, store.toString())).code()).isZero();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(Cli.run(join(sim, empty.toString())).code()).isZero();
  }

  private static String[] join(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @Test
  void aVirtualFileSystemIsNotCalledFullAndAFullStandardOutputIsAnError(@TempDir Path dir) throws Exception {
    // /proc was reported as "not enough space"
    Result proc = Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size",
        "500", "--out", "/proc/m.inn");
    assertThat(proc.code()).isNotZero();
    assertThat(proc.err().strip()).contains("virtual file system 'proc'").doesNotContain("not enough space");
    // a full standard output exited 1 without a word (the launcher's main checks the stream after the command)
    Path model = dir.resolve("m.inn");
    assertThat(Cli.run("train", "--problem", "test-linear-gaussian", "--method", "test-linear-fit", "--train-size",
        "500", "--out", model.toString()).code()).isZero();
    java.io.Writer full = new java.io.Writer() {
      @Override
      public void write(char[] buf, int off, int len) throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    PrintWriter out = new PrintWriter(full, true);
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err, true);
    int code = Main.execute(new String[] {"sample", "--model", model.toString(), "-y", "1", "-n", "1000"}, out,
        errWriter);
    assertThat(Main.exitCode(code, out, errWriter)).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("error: could not write all output to standard output (full, or"
        + " closed by the reader)");
  }
}
