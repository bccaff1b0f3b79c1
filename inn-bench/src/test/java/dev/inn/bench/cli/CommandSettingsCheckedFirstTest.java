package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.bench.testplugins.LinearGaussianProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands that simulate or train check every setting first, nested plugin settings
 * included: a bad value fails naming the key, before a pair is simulated or a file written.
 */
class CommandSettingsCheckedFirstTest {

  @ParameterizedTest(name = "{0} {2}")
  @CsvSource(delimiter = '|', value = {
      "train|-p|noise=-1|'noise'",
      "train|-m|block_settings={bins=0}|'bins' of block 'rq-spline-coupling': a spline needs at least one bin",
      "train|-m|condition_settings={activation=\"sigmoid\"}|unknown activation 'sigmoid'",
      "infer|-m|betas=[0.9,2.0]|'betas'",
      "infer|-p|noise=-1|'noise'",
      "simulate|-p|noise=-1|'noise'",
  })
  void aBadSettingFailsBeforeAnythingIsSimulated(String command, String option, String setting, String message,
      @TempDir Path dir) {
    Path out = dir.resolve("out");
    String[] args = switch (command) {
      case "train" -> new String[] {"train", "test-linear-gaussian", option, setting, "--out", out.toString()};
      case "infer" -> new String[] {"infer", "test-linear-gaussian", option, setting, "-y", "0.5", "--budget", "500",
          "--out", out.toString()};
      default -> new String[] {"simulate", "test-linear-gaussian", option, setting, "--pairs", "100", "--out",
          out.toString()};
    };
    long sampled = LinearGaussianProblem.SAMPLED.get();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains(message);
    assertThat(LinearGaussianProblem.SAMPLED.get()).as("pairs simulated").isEqualTo(sampled);
    assertThat(Files.exists(out)).isFalse();
  }
}
