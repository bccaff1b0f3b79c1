package dev.inn.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.bench.report.ConfigToml;
import dev.inn.bench.report.Page;
import org.junit.jupiter.api.Test;

/** Numbers printed for people: no float noise in configurations, sane precision on pages. */
class ConfigAndFlagsTest {

  @Test
  void configurationNumbersCarryNoFloatNoise() {
    assertThat(ConfigToml.value(3.0000000000000004E-5)).isEqualTo("3.0E-5");
    assertThat(ConfigToml.value(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(ConfigToml.value(2.0)).isEqualTo("2.0");
    assertThat(ConfigToml.value(1e-3)).isEqualTo("0.001");
  }

  @Test
  void pageNumbersHaveFourSignificantDigits() {
    assertThat(Page.num(3.0000000000000004E-5)).isEqualTo("3.000e-05");
    assertThat(Page.num(0.123456)).isEqualTo("0.1235");
    assertThat(Page.num(Double.NaN)).isEqualTo("n/a");
  }
}
