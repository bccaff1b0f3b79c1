package dev.inn.bench.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.bench.cli.Main;
import dev.inn.bench.suite.SuiteParser;
import dev.inn.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite method with {@code sequential = {...}} runs once per test observation, each with the
 * problem's train_size as its budget, beside the amortized method at the same budget; the report
 * states the simulations counted.
 */
class SequentialSuiteTest {

  private static final String SUITE = """
      name = "sequential"
      seeds = [1]
      train_size = 300
      test_size = 2
      samples = 300
      bootstrap = 20
      metrics = ["posterior-mmd"]

      [reference]
      observations = 2
      samples = 300

      [figures]
      enabled = false

      [[problems]]
      name = "test-conjugate-gaussian"

      [[methods]]
      name = "cinn"
      label = "cINN"
      settings = { hidden = 32, ensemble = 1, blocks = 4, max_epochs = 30, threads = 1 }

      [[methods]]
      name = "cinn"
      label = "cINN, sequential"
      settings = { hidden = 32, ensemble = 1, blocks = 4, max_epochs = 30, threads = 1 }
      sequential = { rounds = 3 }
      """;

  @Test
  void theSequentialVariantRunsPerObservationWithItsExactSimulationCount(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("s.toml");
    Files.writeString(suite, SUITE);
    Path out = dir.resolve("report");
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"run", suite.toString(), "--out", out.toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    String table = Files.readString(out.resolve("test-conjugate-gaussian/table.md"));
    // both rows measured, the sequential one with its count: 2 observations x 300 (100 per round)
    assertThat(table).contains("| cINN |").contains("| cINN, sequential |")
        .contains("300 simulations in 3 rounds; 600 simulations counted in all over 2 observations (0 invalid)")
        .contains("test observation 1: 300 simulations (0 invalid)")
        .contains("test observation 2: 300 simulations (0 invalid)");
    assertThat(table.lines().filter(l -> l.startsWith("| cINN, sequential |")).findFirst().orElseThrow())
        .doesNotContain("n/a").doesNotContain("failed");
  }

  @Test
  void aSequentialMethodWithoutADensityFailsItsRowNamingWhy(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("s.toml");
    String text = SUITE.replace("name = \"cinn\"\nlabel = \"cINN\"\n", "name = \"test-linear-fit\"\nlabel = \"fit\"\n")
        .replace("name = \"cinn\"\nlabel = \"cINN, sequential\"\n", "name = \"test-linear-fit\"\nlabel = \"fit, sequential\"\n")
        .replace("settings = { hidden = 32, ensemble = 1, blocks = 4, max_epochs = 30, threads = 1 }\n", "");
    assertThat(text).doesNotContain("cinn");
    Files.writeString(suite, text);
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"run", suite.toString(), "--out", dir.resolve("report").toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    // the amortized row is kept, the sequential one fails before any simulation, saying why
    assertThat(code).as(err.toString()).isEqualTo(3);
    assertThat(err.toString()).contains("method 'fit, sequential' on problem 'test-conjugate-gaussian' (seed 1) failed"
        + " in its sequential runs: test observation 1 of 2: method 'test-linear-fit' has no posterior density")
        .doesNotContain("\tat ");
  }

  @Test
  void aBudgetBelowOneRoundPerObservationIsRefusedWhenTheSuiteIsRead() {
    SuiteParser parser = new SuiteParser(PluginRegistry.fromClassPath());
    assertThatThrownBy(() -> parser.parse(SUITE.replace("train_size = 300", "train_size = 25"), "s.toml"))
        .hasMessageContaining("s.toml:28:")
        .hasMessageContaining("method 'cINN, sequential' runs 3 rounds of at least 10 simulations per observation")
        .hasMessageContaining("train_size 25");
    assertThatThrownBy(() -> parser.parse(SUITE.replace("rounds = 3", "rounds = 3, quantile = 0.7"), "s.toml"))
        .hasMessageContaining("quantile").hasMessageContaining("(0, 0.5)");
    assertThatThrownBy(() -> parser.parse(SUITE.replace("rounds = 3", "rounds = 3, round = 2"), "s.toml"))
        .hasMessageContaining("unknown key 'round'");
  }
}
