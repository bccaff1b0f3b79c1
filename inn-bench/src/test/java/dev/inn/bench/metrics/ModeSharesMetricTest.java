package dev.inn.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.settings.Settings;
import dev.inn.problems.mixture.GaussianMixture8;
import dev.inn.problems.mixture.LabelMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeSharesMetricTest {

  private final GaussianMixture8 problem = new GaussianMixture8(LabelMap.SOME);

  private double[] measure(List<Matrix> posteriors, Matrix observations) {
    MetricInput input = new MetricInput(problem, observations, Matrix.zeros(observations.rows(), 2), posteriors,
        List.of(), new float[] {1f, 1f}, 1);
    var m = new ModeSharesMetric().measure(input, Settings.empty());
    int[] all = new int[m.observationCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return m.summarise(all);
  }

  @Test
  void exactPosteriorSamplesScoreNearPerfect() {
    List<Matrix> posteriors = new ArrayList<>();
    float[][] ys = new float[4][];
    for (int label = 0; label < 4; label++) {
      ys[label] = GaussianMixture8.oneHot(label);
      posteriors.add(problem.exactPosterior().orElseThrow().sample(ys[label], 8000, label));
    }
    double[] v = measure(posteriors, Matrix.of(ys));
    // a 2-D Gaussian puts 1 - exp(-4.5) = 0.989 of its mass within 3 sigma
    assertThat(v[0]).isCloseTo(0.989, within(0.01));
    assertThat(v[1]).isLessThan(0.03);
  }

  @Test
  void aSamplerStuckOnOneComponentHasAFullSplitError() {
    double[] c0 = GaussianMixture8.centres()[0];
    Matrix stuck = Matrix.repeatRow(new float[] {(float) c0[0], (float) c0[1]}, 500);
    double[] v = measure(List.of(stuck), Matrix.of(new float[][] {GaussianMixture8.oneHot(0)}));
    assertThat(v[0]).isEqualTo(1.0);
    // label 0 has 4 components: all samples on one means 1 - 1/4 off the true share
    assertThat(v[1]).isCloseTo(0.75, within(1e-9));
  }
}
