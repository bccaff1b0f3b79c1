package dev.inn.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values in report tables that look wrong are flagged; plausible ones are not. */
class ValueFlagsTest {

  @Test
  void contractionFarBelowZeroIsFlagged() {
    // the quickstart report showed an unflagged contraction of -46
    assertThat(HtmlReport.doubt("contraction_angle2", -46)).contains("wider than the prior");
    // inverse kinematics at y* = (0, 1.5) needs a posterior a little wider than the prior
    assertThat(HtmlReport.doubt("contraction_angle2", -1.02)).isNull();
    assertThat(HtmlReport.doubt("contraction_x", 0.8)).isNull();
  }

  @Test
  void nonFiniteValuesAndRejectedCalibrationAreFlagged() {
    assertThat(HtmlReport.doubt("map_rmse", Double.NaN)).contains("not a finite number");
    assertThat(HtmlReport.doubt("sbc_pvalue_x1", 1e-5)).contains("miscalibrated");
    assertThat(HtmlReport.doubt("sbc_pvalue_x1", 0.2)).isNull();
  }

  @Test
  void aValueAndItsErrorShareOneFormat() {
    assertThat(Tables.withError(0.002630, 4.643e-4)).isEqualTo("0.00263 ± 0.00046");
    assertThat(Tables.withError(0, 1.414e-4)).isEqualTo("0 ± 0.00014");
    assertThat(Tables.withError(12.3456, 0.1234)).isEqualTo("12.35 ± 0.12");
    assertThat(Tables.withError(-4.381, 1.9)).isEqualTo("-4.4 ± 1.9");
    assertThat(Tables.withError(1.5e-9, 2e-10)).isEqualTo("(1.50 ± 0.20)e-9");
    assertThat(Tables.withError(123456, 789)).isEqualTo("(1.2346 ± 0.0079)e5");
  }

  @Test
  void metricColumnsReadInWords() {
    assertThat(MetricGlossary.of("contraction_omega").words()).isEqualTo("contraction of omega [no unit]");
    assertThat(MetricGlossary.of("map_rmse_x1").words()).isEqualTo("MAP error of x1 [units of x1]");
    assertThat(MetricGlossary.of("resim_mean").meaning()).contains("lower is better");
    assertThat(MetricGlossary.of("something_new").words()).isEqualTo("something_new");
  }
}
