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
}
