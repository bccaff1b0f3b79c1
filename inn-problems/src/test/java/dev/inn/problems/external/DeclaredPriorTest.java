package dev.inn.problems.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredPriorTest {

  private static double[] moments(float[] v) {
    double m = 0;
    for (float f : v) {
      m += f;
    }
    m /= v.length;
    double s = 0;
    for (float f : v) {
      s += (f - m) * (f - m);
    }
    return new double[] {m, Math.sqrt(s / (v.length - 1))};
  }

  @Test
  void eachDistributionHasItsMomentsAndStaysInItsSupport() {
    DeclaredPrior p = DeclaredPrior.parse(List.of("u ~ uniform(-1, 3)", "n ~ normal(2, 0.5)",
        "l ~ lognormal(0, 0.25)", "t ~ truncnormal(0, 1, 0, 10)"), "prior");
    Matrix x = p.sample(40_000, 5);
    double[] u = moments(x.column(0));
    assertThat(u[0]).isCloseTo(1, org.assertj.core.data.Offset.offset(0.03));
    assertThat(u[1]).isCloseTo(4 / Math.sqrt(12), org.assertj.core.data.Offset.offset(0.02));
    double[] n = moments(x.column(1));
    assertThat(n[0]).isCloseTo(2, org.assertj.core.data.Offset.offset(0.01));
    assertThat(n[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    // lognormal: mean exp(mu + sigma^2 / 2)
    assertThat(moments(x.column(2))[0]).isCloseTo(Math.exp(0.25 * 0.25 / 2), org.assertj.core.data.Offset.offset(0.01));
    // half-normal: mean sqrt(2 / pi)
    assertThat(moments(x.column(3))[0]).isCloseTo(Math.sqrt(2 / Math.PI), org.assertj.core.data.Offset.offset(0.015));
    double[] lo = p.support().lower();
    double[] hi = p.support().upper();
    for (int i = 0; i < x.rows(); i++) {
      for (int k = 0; k < 4; k++) {
        assertThat((double) x.get(i, k)).isGreaterThan(lo[k]).isLessThan(hi[k]);
      }
    }
    // row i does not depend on how many rows were drawn
    assertThat(p.sample(10, 5)).isEqualTo(x.rows(0, 10));
  }

  @Test
  void badDeclarationsAreNamed() {
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a = uniform(0, 1)"), "setting 'prior'"))
        .hasMessageContaining("cannot read \"a = uniform(0, 1)\"");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ uniform(1, 0)"), "p"))
        .hasMessageContaining("parameter 'a'").hasMessageContaining("low < high");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ gamma(1, 2)"), "p"))
        .hasMessageContaining("unknown distribution 'gamma'");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ normal(0)"), "p")).hasMessageContaining("takes 2");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ normal(0, -1)"), "p")).hasMessageContaining("positive");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ normal(0, 1)", "a ~ normal(0, 1)"), "p"))
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of("a ~ truncnormal(0, 1, 50, 60)"), "p"))
        .hasMessageContaining("no mass");
    assertThatThrownBy(() -> DeclaredPrior.parse(List.of(), "p")).hasMessageContaining("is empty");
  }
}
