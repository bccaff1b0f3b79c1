package dev.inn.baselines.eightmodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.problems.mixture.GaussianMixture8;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each baseline, found by name, trained briefly (a few seconds on one core, 20 000 pairs) on
 * the paper's 8 modes with labels "some". The thresholds are below what these short runs
 * reach (measured: cvae 0.87, cvae-iaf 0.86-0.90, reduced cgan-large 0.80, generator-mmd 0.91
 * of samples within 3 sigma of a component of the right label, mean over the 4 labels).
 */
class BaselinesOnEightModesTest {

  private static final int TRAIN = 20_000;
  // dropout-nn: share of a label's samples within RADIUS of their mean (measured 0.86 for label 0, >= 0.99 else)
  private static final double RADIUS = 3.0;
  private static final double RADIUS_SHARE = 0.8;

  private static double trainAndMeasure(String name, Map<String, Object> settings) {
    PosteriorMethod m = EightModes.method(name, settings);
    double seconds = EightModes.train(m, TRAIN, 1);
    double share = EightModes.onLabel(m, 1000);
    System.out.printf("%s on 8 modes: %.1f s training, %.3f of samples on a component of the right label%n", name,
        seconds, share);
    return share;
  }

  @Test
  void cvaePutsMostSamplesOnTheRightLabelsComponents() {
    assertThat(trainAndMeasure("cvae", Map.of("steps", 1000, "hidden", 64, "layers", 3, "batch", 100,
        "recon_weight", 50.0, "threads", 1))).isGreaterThan(0.75);
  }

  @Test
  void cvaeWithIafPutsMostSamplesOnTheRightLabelsComponents() {
    assertThat(trainAndMeasure("cvae-iaf", Map.of("steps", 1000, "hidden", 64, "layers", 3, "batch", 100,
        "recon_weight", 50.0, "iaf_hidden", 16, "iaf_context", 8, "threads", 1))).isGreaterThan(0.75);
  }

  @Test
  void largeCganRecipeWithVariancePenaltyPutsMostSamplesOnTheRightLabelsComponents() {
    // the large recipe (variance penalty, wide latent, Adam for both nets) at a CI-sized width; generator
    // dropout at sampling time blurs the modes this early (0.59 with 0.25), so it is off here
    assertThat(trainAndMeasure("cgan-large", Map.ofEntries(Map.entry("steps", 1200), Map.entry("hidden", 64),
        Map.entry("disc_hidden", 64), Map.entry("latent_dim", 8), Map.entry("batch", 128),
        Map.entry("gen_dropout", 0.0), Map.entry("lr_final", 1e-4), Map.entry("disc_lr_final", 1e-4),
        Map.entry("threads", 1)))).isGreaterThan(0.7);
  }

  @Test
  void mmdGeneratorPutsMostSamplesOnTheRightLabelsComponents() {
    assertThat(trainAndMeasure("generator-mmd", Map.of("steps", 800, "hidden", 64, "layers", 4, "batch", 128,
        "lr", 3e-3, "lr_final", 1e-4, "threads", 1))).isGreaterThan(0.8);
  }

  @Test
  void dropoutNetworkIsUnimodalAndCannotCoverTheFourComponentsOfLabelZero() {
    PosteriorMethod m = EightModes.method("dropout-nn", Map.of("steps", 800, "hidden", 64, "layers", 4, "batch", 100,
        "threads", 1));
    EightModes.train(m, TRAIN, 1);
    double[][] centres = GaussianMixture8.centres();
    for (int label = 0; label < EightModes.LABELS; label++) {
      Matrix s = m.sample(GaussianMixture8.oneHot(label), 2000, 7 + label);
      double[] mean = mean(s);
      double near = withinRadius(s, mean, RADIUS);
      System.out.printf("dropout-nn label %d: mean (%.2f, %.2f), %.3f within " + RADIUS + " of it, %.3f on label, %d components"
          + " covered%n", label, mean[0], mean[1], near, EightModes.onLabel(s, label),
          EightModes.componentsCovered(s, label, 0.1));
      // one blob per label: most samples lie near their own mean
      assertThat(near).as("label " + label).isGreaterThan(RADIUS_SHARE);
      if (label == 0) {
        // four components around a quarter circle: a unimodal fit centres between them, on none of them
        for (int c : EightModes.PROBLEM.componentsWithLabel(0)) {
          assertThat(Math.hypot(mean[0] - centres[c][0], mean[1] - centres[c][1])).isGreaterThan(0.6);
        }
        assertThat(EightModes.componentsCovered(s, 0, 0.1)).isLessThan(4);
        assertThat(EightModes.onLabel(s, 0)).isLessThan(0.5);
      }
    }
  }

  @Test
  void pointNetworkGivesCopiesOfOneEstimate() {
    PosteriorMethod m = EightModes.method("point-nn", Map.of("steps", 800, "hidden", 32, "layers", 3, "threads", 1));
    EightModes.train(m, 5000, 1);
    Matrix s = m.sample(GaussianMixture8.oneHot(2), 50, 1);
    for (int i = 1; i < s.rows(); i++) {
      assertThat(s.row(i)).containsExactly(s.row(0));
    }
    // label 2 is the single component 6 at (-1, -2.41): the regression lands near it
    assertThat(Math.hypot(s.get(0, 0) + 1, s.get(0, 1) + 2.4142)).isLessThan(0.6);
  }

  private static double[] mean(Matrix s) {
    double[] m = new double[2];
    for (int i = 0; i < s.rows(); i++) {
      m[0] += s.get(i, 0) / s.rows();
      m[1] += s.get(i, 1) / s.rows();
    }
    return m;
  }

  private static double withinRadius(Matrix s, double[] centre, double r) {
    int n = 0;
    for (int i = 0; i < s.rows(); i++) {
      if (Math.hypot(s.get(i, 0) - centre[0], s.get(i, 1) - centre[1]) <= r) {
        n++;
      }
    }
    return n / (double) s.rows();
  }
}
