package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2stCommandTest {

  /** A CSV with a header and n rows of (shift + uniform noise, uniform noise). */
  private static Path csv(Path dir, String name, int n, double shift, long seed) throws Exception {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < n; i++) {
      sb.append(shift + rng.nextDouble()).append(',').append(rng.nextDouble()).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb);
    return file;
  }

  @Test
  void printsSeparableAccuracyForDisjointFiles(@TempDir Path dir) throws Exception {
    Path a = csv(dir, "a.csv", 500, 0, 1);
    Path b = csv(dir, "b.csv", 500, 3, 2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"c2st", a.toString(), b.toString()}, new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(Double.parseDouble(out.toString().trim())).isGreaterThan(0.97);
  }

  @Test
  void rejectsRaggedCsv(@TempDir Path dir) throws Exception {
    Path a = csv(dir, "a.csv", 50, 0, 1);
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2\n3\n");
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"c2st", a.toString(), bad.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(err, true));
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("bad.csv line 2");
  }
}
