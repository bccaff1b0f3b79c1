package dev.inn.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.bench.faults.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files (issue 14, "Measured"): 40 flipped bytes loaded and sampled silently; the same
 * seed gave different bytes; a data-set model reopened its training CSV by relative path when
 * sampling.
 */
class ModelFileFaultsTest {

  private static Path train(Path file, long seed) {
    Result r = Cli.run("train", "--problem", "test-linear-gaussian", "--method", "cinn", "-m", "max_epochs=2", "-m",
        "hidden=16", "-m", "threads=1", "--train-size", "400", "--seed", Long.toString(seed), "--out",
        file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return file;
  }

  @Test
  void theSameSeedGivesTheSameBytes(@TempDir Path dir) throws Exception {
    byte[] a = Files.readAllBytes(train(dir.resolve("a.inn"), 3));
    assertThat(Files.readAllBytes(train(dir.resolve("b.inn"), 3))).isEqualTo(a);
    assertThat(Files.readAllBytes(train(dir.resolve("c.inn"), 4))).isNotEqualTo(a);
  }

  @Test
  void flippedOrMissingBytesAreRefusedByTheChecksum(@TempDir Path dir) throws Exception {
    byte[] good = Files.readAllBytes(train(dir.resolve("m.inn"), 3));
    // 40 bytes flipped in the weights, as in the reported case
    byte[] flipped = good.clone();
    for (int i = 0; i < 40; i++) {
      flipped[good.length / 2 + i] ^= 0x5A;
    }
    Path bad = dir.resolve("flipped.inn");
    Files.write(bad, flipped);
    Result r = Cli.run("sample", "--model", bad.toString(), "-y", "1", "-n", "5");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo("error: " + bad + " is corrupted or truncated: its checksum does not match"
        + " its content");
    Path cut = dir.resolve("cut.inn");
    Files.write(cut, Arrays.copyOf(good, good.length - 100));
    Result c = Cli.run("sample", "--model", cut.toString(), "-y", "1", "-n", "5");
    assertThat(c.code()).isNotZero();
    assertThat(c.out()).isEmpty();
    assertThat(c.err()).contains(cut.toString());
  }

  @Test
  void aDataSetModelSamplesWithoutItsTrainingData(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path csv = data.resolve("sims.csv");
    StringBuilder sb = new StringBuilder("a,b,y1,y2\n");
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 300; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%f,%f,%f,%f%n", a, b, a + b + 0.1 * r.nextGaussian(),
          a - b + 0.1 * r.nextGaussian()));
    }
    Files.writeString(csv, sb);
    Path model = dir.resolve("m.inn");
    // no --train-size: all 270 training rows (30 held out by test_fraction 0.1), not 20000
    Result t = Cli.run("train", "--problem", "dataset", "-p", "path=" + csv, "-p", "y_columns=[\"y1\",\"y2\"]",
        "--method", "cinn", "-m", "max_epochs=2", "-m", "threads=1", "--out", model.toString());
    assertThat(t.code()).as(t.err()).isZero();
    Result before = Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "50");
    assertThat(before.code()).as(before.err()).isZero();

    Files.delete(csv);
    Files.delete(data);
    Result after = Cli.run("sample", "--model", model.toString(), "-y", "0.5,0.2", "-n", "50");
    assertThat(after.code()).as(after.err()).isZero();
    assertThat(after.out()).isEqualTo(before.out()).startsWith("a,b\n");
    // the observation check needs the training statistics, which the model keeps too
    Result far = Cli.run("sample", "--model", model.toString(), "-y", "500,0.2", "-n", "5");
    assertThat(far.err()).contains("warning: observation value 0");
  }
}
