package dev.inn.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.core.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class SuiteParserTest {

  private static final SuiteParser PARSER = new SuiteParser(PluginRegistry.fromClassPath());

  private static final String GOOD = """
      name = "tiny"
      seeds = [1, 2]
      train_size = 500
      test_size = 50
      samples = 200
      metrics = ["calibration", "map-rmse"]

      [metric_settings.map-rmse]
      bandwidth = 0.2

      [[problems]]
      name = "test-linear-gaussian"
      [problems.settings]
      noise = 0.3

      [[methods]]
      name = "test-linear-fit"
      label = "fit"
      settings = { spread = 0.5 }
      """;

  @Test
  void readsTypedRecordsWithResolvedSettings() {
    Suite s = PARSER.parse(GOOD, "tiny.toml");
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.seeds()).containsExactly(1L, 2L);
    assertThat(s.trainSize()).isEqualTo(500);
    assertThat(s.problems().get(0).settings().getDouble("noise")).isEqualTo(0.3);
    assertThat(s.methods().get(0).label()).isEqualTo("fit");
    assertThat(s.methods().get(0).settings().getDouble("spread")).isEqualTo(0.5);
    assertThat(s.methods().get(0).settings().getBoolean("fail")).isFalse();
    assertThat(s.metrics().get(1).settings().getDouble("bandwidth")).isEqualTo(0.2);
    assertThat(s.metrics().get(1).settings().getInt("starts")).isEqualTo(16);
  }

  @Test
  void unknownTopLevelKeyNamesFileKeyAndLine() {
    String text = GOOD.replace("test_size = 50", "test_sise = 50");
    assertThatThrownBy(() -> PARSER.parse(text, "tiny.toml"))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("tiny.toml:4: unknown key 'test_sise'");
  }

  @Test
  void unknownPluginSettingNamesItsLine() {
    String text = GOOD.replace("noise = 0.3", "noize = 0.3");
    assertThatThrownBy(() -> PARSER.parse(text, "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:14: unknown setting 'noize' for problem 'test-linear-gaussian'");
  }

  @Test
  void unknownSettingInInlineTableNamesItsLine() {
    String text = GOOD.replace("spread = 0.5", "sprad = 0.5");
    assertThatThrownBy(() -> PARSER.parse(text, "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:19: unknown setting 'sprad'");
  }

  @Test
  void wrongTypeIsRejected() {
    assertThatThrownBy(() -> PARSER.parse(GOOD.replace("train_size = 500", "train_size = \"many\""), "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:3: key 'train_size' in the top level must be a whole number");
    assertThatThrownBy(() -> PARSER.parse(GOOD.replace("noise = 0.3", "noise = \"loud\""), "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:14: setting 'noise' of problem 'test-linear-gaussian' must be a number");
  }

  @Test
  void unknownPluginListsAvailableOnes() {
    assertThatThrownBy(() -> PARSER.parse(GOOD.replace("name = \"test-linear-fit\"", "name = \"tset-linear-fit\""),
        "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:17: unknown method 'tset-linear-fit'; available:")
        .hasMessageContaining("test-linear-fit");
    assertThatThrownBy(() -> PARSER.parse(GOOD.replace("\"calibration\"", "\"calibraton\""), "tiny.toml"))
        .hasMessageStartingWith("tiny.toml:6: unknown metric 'calibraton'");
  }

  @Test
  void malformedTomlPassesTheLineThrough() {
    String text = GOOD.replace("seeds = [1, 2]", "seeds = [1, 2");
    assertThatThrownBy(() -> PARSER.parse(text, "broken.toml"))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("broken.toml: malformed TOML:")
        .hasMessageContaining("line 2");
  }

  @Test
  void shippedSuitesParseWithTheRealPlugins() {
    for (String name : SuiteParser.SHIPPED) {
      Suite s = PARSER.load(name);
      assertThat(s.problems()).isNotEmpty();
      assertThat(s.methods()).isNotEmpty();
    }
  }
}
