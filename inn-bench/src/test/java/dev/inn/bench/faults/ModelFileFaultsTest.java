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
 * sampling. Issue 30: a model of an external simulator ran its stored command; a crafted count
 * made the reader allocate gigabytes; a negative count gave "Illegal Capacity: -5".
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

  /** y = x in text framing; every start leaves a file {@code started-NAME} in the folder it runs in. */
  private static Path echoSimulator(Path dir, String name) throws Exception {
    Path sh = dir.resolve(name + ".sh");
    Files.writeString(sh, "touch " + dir.resolve("started-" + name) + "\n"
        + "while read -r seed rows cols bytes; do\n"
        + "  i=0; out=\"\"\n"
        + "  while [ \"$i\" -lt \"$rows\" ]; do read -r a b; out=\"$out$a $b\n\"; i=$((i + 1)); done\n"
        + "  printf \"$out\"\n"
        + "done\n");
    return sh;
  }

  @Test
  void aCommandStoredInAModelRunsOnlyWithTheUsersConsent(@TempDir Path dir) throws Exception {
    Path sim = echoSimulator(dir, "stored");
    Path model = dir.resolve("m.inn");
    Result t = Cli.run("train", "--problem", "external", "-p", "command=\"sh " + sim + "\"", "-p", "framing=\"text\"",
        "-p", "prior=[\"a ~ uniform(0, 1)\", \"b ~ uniform(0, 1)\"]", "-p", "outputs=2", "-p", "workers=1",
        "--method", "cinn", "-m", "max_epochs=2", "-m", "hidden=16", "-m", "threads=1", "--train-size", "300",
        "--out", model.toString());
    assertThat(t.code()).as(t.err()).isZero();
    Path started = dir.resolve("started-stored");
    Files.delete(started);

    // the model alone does not start its command
    Path page = dir.resolve("page");
    Result refused = Cli.run("analyze", model.toString(), "-y", "0.5,0.5", "-n", "200", "--predictive", "50",
        "--out", page.toString());
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err().strip()).startsWith("error: ").contains("stores the simulator command \"sh " + sim)
        .contains("--simulator-command").contains("--run-model-command");
    assertThat(Files.exists(started)).isFalse();
    Result diagnose = Cli.run("diagnose", model.toString(), "--pairs", "20", "--out", dir.resolve("d").toString());
    assertThat(diagnose.code()).isNotZero();
    assertThat(Files.exists(started)).isFalse();

    // consent by flag: the page says which command ran
    Result allowed = Cli.run("analyze", model.toString(), "-y", "0.5,0.5", "-n", "200", "--predictive", "50",
        "--run-model-command", "--out", page.toString());
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(Files.exists(started)).isTrue();
    assertThat(Files.readString(page.resolve("index.html"))).contains("simulator command run")
        .contains("sh " + sim);

    // consent by giving the command again: that one runs, not the stored one
    Files.delete(started);
    Path other = echoSimulator(dir, "given");
    Result given = Cli.run("analyze", model.toString(), "-y", "0.5,0.5", "-n", "200", "--predictive", "50",
        "--simulator-command", "sh " + other, "--out", dir.resolve("page2").toString());
    assertThat(given.code()).as(given.err()).isZero();
    assertThat(Files.exists(started)).isFalse();
    assertThat(Files.exists(dir.resolve("started-given"))).isTrue();
    assertThat(Files.readString(dir.resolve("page2").resolve("index.html"))).contains("sh " + other)
        .contains("given with --simulator-command");
  }

  /** The file with its checksum trailer recomputed, as a crafted file would have it. */
  private static byte[] withChecksum(byte[] b) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - Long.BYTES);
    java.nio.ByteBuffer.wrap(b, b.length - Long.BYTES, Long.BYTES).putLong(crc.getValue());
    return b;
  }

  /** Offset of the first settings list's count in a model file (tag 'L', then the int). */
  private static int firstListCount(byte[] b) {
    for (int i = 0; i < b.length - 5; i++) {
      // a list of a few elements: 'L', 0, 0, 0, n (n small), followed by an element tag
      if (b[i] == 'L' && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0 && b[i + 4] > 0 && b[i + 4] < 10
          && "bldsLM".indexOf(b[i + 5]) >= 0) {
        return i + 1;
      }
    }
    throw new AssertionError("no settings list in the model file");
  }

  @Test
  void hugeOrNegativeCountsAreRefusedBeforeAllocatingNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] good = Files.readAllBytes(train(dir.resolve("m.inn"), 3));
    int at = firstListCount(good);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int count : new int[] {0x20000000, 0x7ffffff0, -5}) {
      byte[] bad = good.clone();
      java.nio.ByteBuffer.wrap(bad, at, 4).putInt(count);
      Path file = dir.resolve("count" + count + ".inn");
      Files.write(file, withChecksum(bad));
      long before = ((com.sun.management.ThreadMXBean) mx).getCurrentThreadAllocatedBytes();
      Result r = Cli.run("sample", "--model", file.toString(), "-y", "1", "-n", "5");
      long allocated = ((com.sun.management.ThreadMXBean) mx).getCurrentThreadAllocatedBytes() - before;
      assertThat(r.code()).isNotZero();
      assertThat(r.err().strip()).startsWith("error: model file " + file).contains("settings list").contains(Integer.toString(count))
          .doesNotContain("Illegal Capacity").doesNotContain("\tat ");
      assertThat(allocated).as("bytes allocated for count " + count).isLessThan(64L << 20);
    }
  }

  @Test
  void thousandsOfMutatedModelsAreEachRefusedClearlyInBoundedMemory(@TempDir Path dir) throws Exception {
    byte[] good = Files.readAllBytes(train(dir.resolve("m.inn"), 3));
    dev.inn.api.plugin.PluginLookup plugins = dev.inn.core.plugin.PluginRegistry.fromClassPath();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    SplittableRandom random = new SplittableRandom(30);
    Path file = dir.resolve("fuzz.inn");
    int loaded = 0;
    int refused = 0;
    long worst = 0;
    // the settings and sizes sit in the first few hundred bytes; most mutations go there, some anywhere
    int head = Math.min(good.length - Long.BYTES, 600);
    for (int k = 0; k < 2000; k++) {
      byte[] b = good.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(4) == 0 ? random.nextInt(good.length - Long.BYTES) : random.nextInt(head);
        switch (random.nextInt(4)) {
          case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
          case 1 -> b[at] = (byte) random.nextInt(256);
          case 2 -> b[at] = (byte) (random.nextBoolean() ? 0x7f : 0xff);
          default -> {
            if (at + 4 <= b.length - Long.BYTES) {
              java.nio.ByteBuffer.wrap(b, at, 4).putInt(random.nextBoolean() ? random.nextInt() : -random.nextInt(9));
            }
          }
        }
      }
      Files.write(file, withChecksum(b));
      long before = mx.getCurrentThreadAllocatedBytes();
      try {
        dev.inn.core.persistence.ModelFile.load(file, plugins);
        loaded++; // a mutation of a weight or a setting to another valid value: still a model
      } catch (java.io.IOException | RuntimeException e) {
        refused++;
        assertThat(e.getMessage()).as("mutation " + k + ": " + e).contains(file.toString());
        assertThat(e).as("mutation " + k).isNotInstanceOfAny(NullPointerException.class,
            ClassCastException.class, ArrayIndexOutOfBoundsException.class, NegativeArraySizeException.class);
      } catch (OutOfMemoryError | StackOverflowError e) {
        throw new AssertionError("mutation " + k + " ended in " + e, e);
      }
      worst = Math.max(worst, mx.getCurrentThreadAllocatedBytes() - before);
    }
    assertThat(refused).isGreaterThan(700);
    assertThat(loaded + refused).isEqualTo(2000);
    // the valid model itself takes a few MB to load; no mutation may make the reader take much more
    assertThat(worst).as("most bytes one load allocated").isLessThan(64L << 20);
  }
}
