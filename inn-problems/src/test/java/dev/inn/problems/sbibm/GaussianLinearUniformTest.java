package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.problems.testing.ColumnMoments;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class GaussianLinearUniformTest {

  private static final double NOISE_SD = Math.sqrt(0.1);
  private final GaussianLinearUniform task = new GaussianLinearUniform();

  @Test
  void priorIsUniformOnTheBoxAndNoiseHasVariancePointOne() {
    Dataset data = task.sample(20_000, 1);
    for (int j = 0; j < 10; j++) {
      ColumnMoments x = ColumnMoments.of(data.x(), j);
      assertThat(x.mean()).isCloseTo(0, within(0.02));
      assertThat(Math.sqrt(x.variance())).isCloseTo(1 / Math.sqrt(3), within(0.01));
    }
    double ss = 0;
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < 10; j++) {
        double e = data.y().get(i, j) - data.x().get(i, j);
        ss += e * e;
      }
    }
    assertThat(Math.sqrt(ss / (10.0 * data.size()))).isCloseTo(NOISE_SD, within(0.003));
  }

  @Test
  void storedObservationsAreTheTrueParametersPlusNoiseOfSdPoint316() {
    double ss = 0;
    int n = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      for (int j = 0; j < 10; j++) {
        double e = ref.observation()[j] - ref.trueParameters()[j];
        ss += e * e;
        n++;
      }
    }
    // 100 residuals: sd within about 20 % of 0.316, far from 0.1 (sd misread as 0.1)
    assertThat(Math.sqrt(ss / n)).isBetween(0.25, 0.39);
  }

  @Test
  void referencePosteriorsAreTheBoxTruncatedNormalAroundY() {
    NormalDistribution standard = new NormalDistribution(0, 1);
    List<ReferenceObservation> refs = task.referenceObservations();
    for (ReferenceObservation ref : refs.subList(0, 4)) {
      Matrix posterior = ref.posterior().get();
      for (int j = 0; j < 10; j++) {
        double mu = ref.observation()[j];
        double a = (-1 - mu) / NOISE_SD;
        double b = (1 - mu) / NOISE_SD;
        double z = standard.cumulativeProbability(b) - standard.cumulativeProbability(a);
        double pa = standard.density(a);
        double pb = standard.density(b);
        double mean = mu + NOISE_SD * (pa - pb) / z;
        double variance = NOISE_SD * NOISE_SD * (1 + (a * pa - b * pb) / z - Math.pow((pa - pb) / z, 2));
        ColumnMoments sample = ColumnMoments.of(posterior, j);
        // Monte Carlo error of 10 000 draws is about 0.003 for both
        assertThat(sample.mean()).as("observation %s theta%d mean", ref.id(), j + 1).isCloseTo(mean, within(0.012));
        assertThat(Math.sqrt(sample.variance())).as("observation %s theta%d sd", ref.id(), j + 1)
            .isCloseTo(Math.sqrt(variance), within(0.012));
      }
    }
  }
}
