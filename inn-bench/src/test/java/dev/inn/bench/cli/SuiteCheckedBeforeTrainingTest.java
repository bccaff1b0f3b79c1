package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every name, setting and range of a suite is checked when it is read: a mistake in its third
 * method, including one inside a nested plugin reference, fails before the first method
 * trains, with the file, the line and the key.
 */
class SuiteCheckedBeforeTrainingTest {

  private static final String SUITE = """
      name = "checked"
      seeds = [1]
      train_size = 400
      test_size = 40
      samples = 300
      metrics = ["calibration"]

      [[problems]]
      name = "test-linear-gaussian"

      [[methods]]
      name = "test-linear-fit"
      label = "exact"

      [[methods]]
      name = "test-linear-fit"
      label = "wide"
      settings = { spread = 2.0 }

      [[methods]]
      name = "inn"
      label = "INN"
      [methods.settings]
      steps = 50
      weight_x = 100.0
      forward_kernel = { name = "imq", widths = [1.2] }
      block_settings = { clamp_function = "tanh" }
      """;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "forward_kernel = { name = \"imq\", widths = [1.2] }|forward_kernel = { name = \"imqq\", widths = [1.2] }"
          + "|forward_kernel|unknown kernel 'imqq'",
      "forward_kernel = { name = \"imq\", widths = [1.2] }|forward_kernel = { name = \"imq\", width = [1.2] }"
          + "|forward_kernel|unknown setting 'width' for kernel 'imq'",
      "weight_x = 100.0|weight_x = -100.0|weight_x|weight_x must be at least 0",
      "block_settings = { clamp_function = \"tanh\" }|block_settings = { clamp_fuction = \"tanh\" }"
          + "|block_settings|unknown setting 'clamp_fuction' for block 'affine-coupling'",
      "steps = 50|steps = -5|steps|'steps'",
  })
  void aMistakeInTheThirdMethodFailsBeforeTheFirstTrains(String good, String bad, String key, String message,
      @TempDir Path dir) throws Exception {
    Path suite = dir.resolve("checked.toml");
    String text = SUITE.replace(good, bad);
    assertThat(text).isNotEqualTo(SUITE);
    Files.writeString(suite, text);
    int line = text.lines().toList().indexOf(bad) + 1;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"run", suite.toString(), "--out", dir.resolve("x").toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).isNotZero();
    // one line: nothing trained (training prints progress), nothing written
    assertThat(err.toString().strip()).startsWith("error: " + suite + ":" + line + ": method 'inn': ")
        .contains(key).contains(message);
    assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }
}
