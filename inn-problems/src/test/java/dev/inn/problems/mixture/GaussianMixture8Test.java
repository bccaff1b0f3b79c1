package dev.inn.problems.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaussianMixture8Test {

  private final GaussianMixture8 some = new GaussianMixture8(LabelMap.SOME);

  @Test
  void labelMapsFollowTheSpec() {
    assertThat(java.util.stream.IntStream.range(0, 8).map(some::componentLabel).toArray())
        .containsExactly(0, 0, 0, 0, 1, 1, 2, 3);
    assertThat(some.componentsWithLabel(1)).containsExactly(4, 5);
    assertThat(LabelMap.ALL.classCount()).isEqualTo(8);
    assertThat(LabelMap.NONE.classCount()).isEqualTo(1);
    assertThat(some.observationDim()).isEqualTo(8);
    assertThat(some.latentDim()).isEqualTo(2);
  }

  @Test
  void forwardProcessIsTheOneHotLabelOfTheNearestCentre() {
    Matrix x = Matrix.of(new float[][] {{-2.3f, 1.1f}, {1.1f, -2.3f}, {-1.1f, -2.5f}, {-2.5f, -0.9f}, {0.1f, 2.4f}});
    Matrix y = some.noiselessForward().orElseThrow().evaluate(x).y();
    assertThat(y.row(0)).containsExactly(GaussianMixture8.oneHot(0));
    assertThat(y.row(1)).containsExactly(GaussianMixture8.oneHot(1)); // component 5
    assertThat(y.row(2)).containsExactly(GaussianMixture8.oneHot(2)); // component 6
    assertThat(y.row(3)).containsExactly(GaussianMixture8.oneHot(3)); // component 7
    assertThat(y.row(4)).containsExactly(GaussianMixture8.oneHot(0)); // just right of component 1
    Matrix all = new GaussianMixture8(LabelMap.ALL).noiselessForward().orElseThrow().evaluate(x).y();
    assertThat(all.row(1)).containsExactly(GaussianMixture8.oneHot(5));
    Matrix none = new GaussianMixture8(LabelMap.NONE).noiselessForward().orElseThrow().evaluate(x).y();
    assertThat(none.row(3)).containsExactly(GaussianMixture8.oneHot(0));
  }

  @Test
  void priorPutsEqualWeightOnEveryComponentWithSigmaPointTwo() {
    Matrix x = some.prior().orElseThrow().sample(80_000, 1);
    int[] counts = new int[8];
    double[][] c = GaussianMixture8.centres();
    double sq = 0;
    for (int i = 0; i < x.rows(); i++) {
      int k = GaussianMixture8.nearestComponent(x.get(i, 0), x.get(i, 1));
      counts[k]++;
      double dx = x.get(i, 0) - c[k][0];
      double dy = x.get(i, 1) - c[k][1];
      sq += dx * dx + dy * dy;
    }
    for (int k = 0; k < 8; k++) {
      assertThat(counts[k] / 80_000.0).as("share of component %d", k).isCloseTo(0.125, within(0.006));
    }
    // E||x - c||^2 = 2 sigma^2
    assertThat(sq / x.rows()).isCloseTo(2 * 0.04, within(0.002));
  }

  @Test
  void exactPosteriorUsesTheComponentsCarryingTheLabelWithEqualShares() {
    int n = 40_000;
    Matrix post = some.exactPosterior().orElseThrow().sample(GaussianMixture8.oneHot(0), n, 3);
    int[] counts = shares(post);
    for (int k = 0; k < 4; k++) {
      assertThat(counts[k] / (double) n).isCloseTo(0.25, within(0.01));
    }
    for (int k = 4; k < 8; k++) {
      assertThat(counts[k]).isZero();
    }
    int[] blue = shares(some.exactPosterior().orElseThrow().sample(GaussianMixture8.oneHot(1), n, 4));
    assertThat(blue[4] / (double) n).isCloseTo(0.5, within(0.01));
    assertThat(blue[4] + blue[5]).isEqualTo(n);
    // a soft label counts as its argmax
    int[] purple = shares(some.exactPosterior().orElseThrow().sample(new float[] {0.1f, 0, 0.2f, 0.6f, 0, 0, 0, 0}, 100, 5));
    assertThat(purple[7]).isEqualTo(100);
  }

  @Test
  void badObservationsAreRejectedClearly() {
    var posterior = some.exactPosterior().orElseThrow();
    assertThatThrownBy(() -> posterior.sample(new float[4], 10, 1)).hasMessageContaining("8 values");
    float[] nan = GaussianMixture8.oneHot(0);
    nan[2] = Float.NaN;
    assertThatThrownBy(() -> posterior.sample(nan, 10, 1)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> posterior.sample(GaussianMixture8.oneHot(5), 10, 1))
        .hasMessageContaining("class 5").hasMessageContaining("\"some\"");
  }

  @Test
  void sampleIsReproducible() {
    Dataset a = some.sample(500, 9);
    assertThat(a).isEqualTo(some.sample(500, 9));
    assertThat(a.y().cols()).isEqualTo(8);
  }

  @Test
  void providerReadsTheLabelsSetting() {
    var provider = new GaussianMixture8Provider();
    assertThat(((GaussianMixture8) provider.create(provider.settings(Map.of()))).labelMap()).isEqualTo(LabelMap.SOME);
    assertThat(((GaussianMixture8) provider.create(provider.settings(Map.of("labels", "all")))).labelMap())
        .isEqualTo(LabelMap.ALL);
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("labels", "many"))))
        .hasMessageContaining("labels").hasMessageContaining("many");
  }

  private static int[] shares(Matrix x) {
    int[] counts = new int[8];
    for (int i = 0; i < x.rows(); i++) {
      counts[GaussianMixture8.nearestComponent(x.get(i, 0), x.get(i, 1))]++;
    }
    return counts;
  }
}
