package dev.inn.problems.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.problems.testing.ColumnMoments;
import org.junit.jupiter.api.Test;

class RandomWalkMetropolisTest {

  /** A strongly correlated, badly scaled Gaussian: the adapted proposal must learn its shape. */
  @Test
  void correlatedGaussianMomentsAreRecovered() {
    double sd1 = 10;
    double sd2 = 0.1;
    double rho = 0.95;
    LogDensity target = t -> {
      double a = t[0] / sd1;
      double b = t[1] / sd2;
      return -(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho));
    };
    RandomWalkMetropolis.Result r = RandomWalkMetropolis.sampleConverged(target,
        rng -> new double[] {20 * rng.nextGaussian(), rng.nextGaussian()}, new double[] {1, 1}, 8000, 3,
        RandomWalkMetropolis.Options.defaults());
    Matrix s = r.samples();
    assertThat(r.maxRHat()).isLessThan(1.01);
    assertThat(ColumnMoments.of(s, 0).mean()).isCloseTo(0, within(0.6));
    assertThat(Math.sqrt(ColumnMoments.of(s, 0).variance())).isCloseTo(sd1, within(0.6));
    assertThat(Math.sqrt(ColumnMoments.of(s, 1).variance())).isCloseTo(sd2, within(0.006));
    double cov = 0;
    for (int i = 0; i < s.rows(); i++) {
      cov += s.get(i, 0) * s.get(i, 1) / s.rows();
    }
    assertThat(cov / (sd1 * sd2)).isCloseTo(rho, within(0.03));
    assertThat(RandomWalkMetropolis.sampleConverged(target, rng -> new double[] {rng.nextGaussian(), 0},
        new double[] {1, 1}, 100, 3, RandomWalkMetropolis.Options.defaults()).samples().rows()).isEqualTo(100);
  }

  @Test
  void splitRHatFlagsChainsInDifferentPlacesAndAcceptsAgreeingOnes() {
    double[][][] apart = new double[2][200][1];
    double[][][] together = new double[2][200][1];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int c = 0; c < 2; c++) {
      for (int k = 0; k < 200; k++) {
        double z = rng.nextGaussian();
        apart[c][k][0] = z + 3 * c;
        together[c][k][0] = z;
      }
    }
    assertThat(RandomWalkMetropolis.splitRHat(apart)[0]).isGreaterThan(1.5);
    assertThat(RandomWalkMetropolis.splitRHat(together)[0]).isLessThan(1.05);
  }

  @Test
  void aTargetWithTwoSeparatedModesFailsLoudly() {
    // chains started in different modes never cross: R-hat must refuse the result
    LogDensity twoModes = t -> {
      double a = t[0] - 20;
      double b = t[0] + 20;
      return Math.log(Math.exp(-a * a / 2) + Math.exp(-b * b / 2) + 1e-300);
    };
    assertThatThrownBy(() -> RandomWalkMetropolis.sampleConverged(twoModes, rng -> new double[] {40 * rng.nextDouble()
        - 20}, new double[] {0.5}, 400, 1, new RandomWalkMetropolis.Options(8, 400, 1, 1.01)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("R-hat");
  }
}
