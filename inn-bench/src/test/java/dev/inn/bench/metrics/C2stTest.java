package dev.inn.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.settings.Settings;
import dev.inn.bench.testplugins.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class C2stTest {

  /** n standard normal rows of dimension d, each coordinate scaled by {@code scale} then shifted by {@code shift}. */
  static Matrix gaussian(int n, int d, double shift, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] data = new float[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (shift + scale * gaussian(rng));
    }
    return new Matrix(n, d, data);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Test
  void halvesOfOneSampleAreIndistinguishable() {
    Matrix all = gaussian(4000, 3, 0, 1, 1);
    double c = C2st.score(all.rows(0, 2000), all.rows(2000, 4000), C2stOptions.sbibm(), 1);
    assertThat(c).isBetween(0.46, 0.55);
  }

  @Test
  void unequalSetSizesStillScoreChanceAsHalf() {
    // a large reference against few samples of the same distribution: classes are balanced first
    Matrix all = gaussian(5000, 3, 0, 1, 3);
    double c = C2st.score(all.rows(0, 4000), all.rows(4000, 5000), C2stOptions.sbibm(), 1);
    assertThat(c).isBetween(0.44, 0.56);
  }

  @Test
  void disjointSetsAreSeparable() {
    double c = C2st.score(gaussian(2000, 3, 0, 1, 1), gaussian(2000, 3, 5, 1, 2), C2stOptions.sbibm(), 1);
    assertThat(c).isGreaterThan(0.97);
  }

  @Test
  void narrowReferenceAgainstWidePriorIsSeparable() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] uniform = new float[2000 * 2];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = (float) rng.nextDouble(-10, 10);
    }
    double c = C2st.score(gaussian(2000, 2, 0, 1, 4), new Matrix(2000, 2, uniform), C2stOptions.sbibm(), 1);
    assertThat(c).isGreaterThan(0.9);
  }

  @Test
  void moreShiftScoresHigher() {
    Matrix reference = gaussian(2000, 2, 0, 1, 5);
    double small = C2st.score(reference, gaussian(2000, 2, 0.5, 1, 6), C2stOptions.sbibm(), 1);
    double large = C2st.score(reference, gaussian(2000, 2, 1.5, 1, 6), C2stOptions.sbibm(), 1);
    // mean shift 0.5 sd per coordinate: Bayes accuracy Phi(0.5 * sqrt(2) / 2) = 0.64
    assertThat(small).isBetween(0.55, 0.75);
    assertThat(large).isGreaterThan(small + 0.1);
  }

  @Test
  void sameSeedGivesSameScore() {
    Matrix a = gaussian(600, 2, 0, 1, 7);
    Matrix b = gaussian(600, 2, 0.3, 1.2, 8);
    assertThat(C2st.score(a, b, C2stOptions.sbibm(), 9)).isEqualTo(C2st.score(a, b, C2stOptions.sbibm(), 9));
  }

  @Test
  void foldsPartitionTheRows() {
    int[][] folds = C2st.folds(23, 5, new SplittableRandom(1));
    assertThat(folds).hasNumberOfRows(5);
    assertThat(folds[0]).hasSize(5);
    assertThat(folds[4]).hasSize(4);
    assertThat(java.util.Arrays.stream(folds).flatMapToInt(java.util.Arrays::stream).sorted().toArray())
        .containsExactly(java.util.stream.IntStream.range(0, 23).toArray());
  }

  @Test
  void metricMeasuresOnlyObservationsWithReferences() {
    Metric metric = PluginRegistry.fromClassPath().find(Metric.class, "c2st");
    Settings settings = PluginRegistry.settingsFor(metric, "metric", Map.of("samples", 800L));
    Matrix reference = gaussian(1000, 2, 0, 1, 10);
    List<Matrix> posteriors = List.of(gaussian(1000, 2, 0, 1, 11), gaussian(1000, 2, 4, 1, 12),
        gaussian(1000, 2, 0, 1, 13));
    MetricInput input = new MetricInput(LinearGaussianProblem.instance(0.5), Matrix.zeros(3, 1), Matrix.zeros(3, 1),
        posteriors, List.of(reference, reference), new float[] {1, 1}, 1);
    Measurement m = metric.measure(input, settings);
    assertThat(metric.needsReference()).isTrue();
    assertThat(metric.columns(input.problem(), settings)).containsExactly("c2st");
    assertThat(m.observationCount()).isEqualTo(2);
    double same = m.summarise(new int[] {0})[0];
    double shifted = m.summarise(new int[] {1})[0];
    assertThat(same).isBetween(0.4, 0.6);
    assertThat(shifted).isGreaterThan(0.97);
    assertThat(m.summarise(new int[] {0, 1})[0]).isEqualTo((same + shifted) / 2);
  }
}
