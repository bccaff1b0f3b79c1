package dev.inn.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.bench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite entries that differ only in settings of their test observations train one model: the
 * set problem scored at two set sizes trains once, while an entry with other training pairs
 * (another train_size) trains its own.
 */
class SharedTrainingTest {

  private static final String SUITE = """
      name = "shared"
      seeds = [1]
      test_size = 2
      samples = 200
      bootstrap = 20
      metrics = ["calibration"]

      [figures]
      enabled = false

      [[problems]]
      name = "location-scale-set"
      label = "sets n=5"
      train_size = 300
      settings = { evaluate_size = 5 }

      [[problems]]
      name = "location-scale-set"
      label = "sets n=20"
      train_size = 300
      settings = { evaluate_size = 20 }

      [[problems]]
      name = "location-scale-set"
      label = "sets, more pairs"
      train_size = 320
      settings = { evaluate_size = 20 }

      [[methods]]
      name = "cinn"
      label = "cINN"
      settings = { hidden = 16, ensemble = 1, blocks = 2, max_epochs = 2, threads = 1 }
      """;

  @Test
  void entriesWithTheSameTrainingPairsShareOneModel(@TempDir Path dir) throws Exception {
    Path suite = Files.writeString(dir.resolve("s.toml"), SUITE);
    Path out = dir.resolve("report");
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"run", suite.toString(), "--out", out.toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    String shared = "the model trained for 'sets n=5'";
    assertThat(table(out, "sets n=5")).doesNotContain("the model trained for");
    assertThat(table(out, "sets n=20")).contains(shared + " (the same training pairs, settings and seed");
    assertThat(table(out, "sets, more pairs")).doesNotContain("the model trained for");
  }

  private static String table(Path out, String label) throws Exception {
    try (var files = Files.walk(out)) {
      return files.filter(p -> p.getFileName().toString().equals("table.md")).map(p -> {
        try {
          return Files.readString(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(t -> t.startsWith("# " + label + " (")).findFirst().orElseThrow(() -> new AssertionError("no table for " + label));
    }
  }
}
