package dev.inn.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.bench.cli.Main;
import dev.inn.bench.testplugins.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One case per kind of setting, each a typo or an out-of-range value deep inside a suite: the
 * suite fails when it is read, naming the file, the line the suite writes the value on and the
 * key, and nothing is simulated. The suite without the mistake parses, so each case fails for
 * its own value alone.
 */
class NestedSettingsCheckedAtParseTest {

  private static final SuiteParser PARSER = new SuiteParser(PluginRegistry.fromClassPath());

  private static final String SUITE = """
      name = "nested"
      seeds = [1]
      train_size = 400
      test_size = 40
      samples = 300
      metrics = ["calibration", "map-rmse", "posterior-mmd", "c2st"]

      [metric_settings.map-rmse]
      bandwidth = 0.2

      [metric_settings.posterior-mmd]
      widths = [0.5, 1.0]

      [[problems]]
      name = "test-linear-gaussian"
      [problems.settings]
      noise = 0.3

      [[problems]]
      name = "gaussian-mixture-8"
      [problems.settings]
      labels = "all"

      [[methods]]
      name = "test-linear-fit"
      label = "exact"

      [[methods]]
      name = "inn"
      [methods.settings]
      steps = 50
      activation = "tanh"
      clamp_function = "atan"
      block_settings = { two_sided = true }
      forward_kernel = { name = "imq", widths = [1.2] }
      backward_kernel = { name = "multiscale", scales = [[0.2, 2.0]] }

      [[methods]]
      name = "cinn"
      [methods.settings]
      hidden = 16
      betas = [0.9, 0.999]
      condition = "mlp"
      [methods.settings.condition_settings]
      hidden = 32
      activation = "leaky-relu"
      [methods.settings.block_settings]
      bins = 4
      min_derivative = 0.001

      [[methods]]
      name = "cinn"
      label = "cinn-set"
      [methods.settings]
      alternate_block = "glow-coupling"
      condition = "deepset"
      condition_settings = { pooling = "max", phi_layers = 2 }

      [[methods]]
      name = "generator-mmd"
      [methods.settings]
      kernel = { name = "gaussian", widths = [1.0] }
      activation = "relu"
      layers = 8
      """;

  @Test
  void theSuiteWithoutMistakesParses() {
    Suite suite = PARSER.parse(SUITE, "nested.toml");
    assertThat(suite.methods()).hasSize(5);
  }

  @ParameterizedTest(name = "{4}: {1}")
  @CsvSource(delimiter = '|', value = {
      // problem settings
      "noise = 0.3|noise = -0.3|noise|must be at least 0|problem",
      "labels = \"all\"|labels = \"al\"|labels|must be one of|problem",
      // metric settings
      "bandwidth = 0.2|bandwidth = 0.0|bandwidth|must be positive|metric",
      "widths = [0.5, 1.0]|widths = [0.5, -1.0]|widths|each positive|metric",
      // the method's own settings and the optimizer's
      "steps = 50|steps = -50|steps|must be at least 0|method",
      "betas = [0.9, 0.999]|betas = [0.9, 1.5]|betas|two values in [0, 1)|optimizer",
      "activation = \"tanh\"|activation = \"tahn\"|activation|unknown activation 'tahn'|activation",
      "clamp_function = \"atan\"|clamp_function = \"atn\"|clamp_function|unknown clamp function 'atn'|clamp function",
      // blocks: a nested block setting, and a block name of the wrong spelling
      "block_settings = { two_sided = true }|block_settings = { two_side = true }|block_settings"
          + "|unknown setting 'two_side'|block",
      "bins = 4|bins = 0|bins|'bins' of block 'rq-spline-coupling': a spline needs at least one bin|spline bins",
      "min_derivative = 0.001|min_derivative = 1.5|min_derivative|must lie in [0, 1)|spline derivative",
      "alternate_block = \"glow-coupling\"|alternate_block = \"glow-coupler\"|alternate_block"
          + "|unknown block 'glow-coupler'|block kind",
      // kernels
      "forward_kernel = { name = \"imq\", widths = [1.2] }|forward_kernel = { name = \"imq\", widths = [-1.2] }"
          + "|forward_kernel|widths|kernel width",
      "backward_kernel = { name = \"multiscale\", scales = [[0.2, 2.0]] }"
          + "|backward_kernel = { name = \"multiscale\", scales = [[0.2, -2.0]] }|backward_kernel|positive|kernel scales",
      "kernel = { name = \"gaussian\", widths = [1.0] }|kernel = { name = \"gaussain\", widths = [1.0] }"
          + "|kernel|unknown kernel 'gaussain'|baseline kernel",
      // condition and summary networks
      "hidden = 32|hidden = 0|hidden|'hidden' of condition 'mlp' must be at least 1|condition size",
      "activation = \"leaky-relu\"|activation = \"leaky\"|activation|unknown activation 'leaky'|condition activation",
      "condition = \"mlp\"|condition = \"mpl\"|condition|unknown condition 'mpl'|condition kind",
      "condition_settings = { pooling = \"max\", phi_layers = 2 }|condition_settings = { pooling = \"mode\","
          + " phi_layers = 2 }|condition_settings|pooling must be mean, sum or max|summary network",
      "condition_settings = { pooling = \"max\", phi_layers = 2 }|condition_settings = { pooling = \"max\","
          + " phi_layers = 0 }|condition_settings|phi_layers must be at least 1|summary network size",
      // a baseline's own settings
      "activation = \"relu\"|activation = \"sigmoid\"|activation|unknown activation 'sigmoid'|baseline activation",
      "layers = 8|layers = 0|layers|must be at least 1, got 0|baseline size",
  })
  void aBadNestedValueFailsWhenTheSuiteIsReadNamingFileLineAndKey(String good, String bad, String key,
      String message, String kind, @TempDir Path dir) throws Exception {
    assertThat(SUITE.split(java.util.regex.Pattern.quote(good), -1)).as("'" + good + "' occurs once").hasSize(2);
    String text = SUITE.replace(good, bad);
    Path suite = dir.resolve("nested.toml");
    Files.writeString(suite, text);
    int line = text.lines().toList().indexOf(bad) + 1;
    assertThatThrownBy(() -> PARSER.load(suite.toString()))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith(suite + ":" + line + ": ")
        .hasMessageContaining(key)
        .hasMessageContaining(message);

    long sampled = LinearGaussianProblem.SAMPLED.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"run", suite.toString(), "--out", dir.resolve("out").toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).isNotZero();
    assertThat(err.toString().strip()).startsWith("error: " + suite + ":" + line + ": ").contains(message);
    assertThat(LinearGaussianProblem.SAMPLED.get()).as("pairs simulated").isEqualTo(sampled);
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }
}
