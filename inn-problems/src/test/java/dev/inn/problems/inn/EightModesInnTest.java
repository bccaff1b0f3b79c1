package dev.inn.problems.inn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.mixture.GaussianMixture8;
import dev.inn.problems.mixture.LabelMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The paper's first experiment (Fig. 2) at CI size: the INN trained on 8 modes with label map
 * "some" puts its posterior samples on the components of the right label in the right
 * proportions; the "only L_x" ablation loses the conditioning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EightModesInnTest {

  private static final int SAMPLES = 4000;
  private final GaussianMixture8 problem = new GaussianMixture8(LabelMap.SOME);
  private final PluginRegistry registry = PluginRegistry.fromClassPath();
  private PosteriorMethod full;

  /** CI-sized settings: the paper's layout (width 16, 3 blocks, 8-modes kernels) with smaller subnets. */
  static Map<String, Object> settings(Map<String, Object> overrides) {
    Map<String, Object> s = new HashMap<>(Map.ofEntries(
        Map.entry("blocks", 3), Map.entry("hidden", 64), Map.entry("layers", 3), Map.entry("width", 16),
        Map.entry("steps", 3000), Map.entry("batch", 200), Map.entry("lr", 3e-3), Map.entry("lr_final", 3e-4),
        Map.entry("noise_y", 0.1),
        // the paper's recipe (the INN's defaults are the maximum-likelihood ones)
        Map.entry("z_loss", "mmd"), Map.entry("weight_y", 1.0), Map.entry("weight_z", 50.0),
        Map.entry("standardize", false), Map.entry("support_transform", false), Map.entry("grad_clip", 0.0),
        Map.entry("weight_x", 250.0), Map.entry("threads", 2),
        Map.entry("backward_kernel", Map.of("name", "multiscale",
            "scales", List.of(List.of(0.1, 0.1), List.of(0.8, 0.5), List.of(0.2, 2.0))))));
    s.putAll(overrides);
    return s;
  }

  private PosteriorMethod train(Map<String, Object> overrides) {
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    PosteriorMethod inn = mp.create(problem, PluginRegistry.settingsFor(mp, "method", settings(overrides)));
    inn.train(problem.sample(60_000, 11), TrainingContext.quiet(12));
    return inn;
  }

  @BeforeAll
  void trainFullInn() {
    full = train(Map.of());
  }

  /** Per component, the share of samples within 3 sigma of it. */
  private double[] componentShares(Matrix samples) {
    double[][] centres = GaussianMixture8.centres();
    double[] shares = new double[centres.length];
    double r2 = 9 * GaussianMixture8.SIGMA * GaussianMixture8.SIGMA;
    for (int i = 0; i < samples.rows(); i++) {
      for (int c = 0; c < centres.length; c++) {
        double dx = samples.get(i, 0) - centres[c][0];
        double dy = samples.get(i, 1) - centres[c][1];
        if (dx * dx + dy * dy <= r2) {
          shares[c] += 1.0 / samples.rows();
        }
      }
    }
    return shares;
  }

  @Test
  void posteriorSamplesLieOnTheComponentsOfTheirLabelInTheTrueProportions() {
    for (int label = 0; label < problem.labelMap().classCount(); label++) {
      Matrix samples = full.sample(GaussianMixture8.oneHot(label), SAMPLES, 100 + label);
      double[] shares = componentShares(samples);
      int[] carrying = problem.componentsWithLabel(label);
      double onLabel = 0;
      for (int c : carrying) {
        onLabel += shares[c];
      }
      System.out.printf("label %d: %.3f of samples on its components, shares %s%n", label, onLabel,
          java.util.Arrays.toString(shares));
      assertThat(onLabel).as("label %d: share of samples within 3 sigma of a component of that label", label)
          .isGreaterThanOrEqualTo(0.95);
      for (int c : carrying) {
        double truth = 1.0 / carrying.length;
        assertThat(shares[c] / onLabel).as("label %d, component %d share", label, c)
            .isCloseTo(truth, org.assertj.core.data.Offset.offset(0.05));
      }
    }
  }

  @Test
  void onlyLxAblationLosesTheConditioning() {
    PosteriorMethod onlyX = train(Map.of("steps", 600, "weight_y", 0.0, "weight_pad", 0.0, "weight_z", 0.0, "weight_rec", 0.0));
    // label 3 is a single component holding 1/8 of the prior mass: without the forward losses the
    // samples follow the prior instead of that component
    Matrix samples = onlyX.sample(GaussianMixture8.oneHot(3), SAMPLES, 7);
    double onLabel = componentShares(samples)[problem.componentsWithLabel(3)[0]];
    Matrix fullSamples = full.sample(GaussianMixture8.oneHot(3), SAMPLES, 7);
    double fullOnLabel = componentShares(fullSamples)[problem.componentsWithLabel(3)[0]];
    System.out.printf("label 3 share on its component: full %.3f, only L_x %.3f%n", fullOnLabel, onLabel);
    assertThat(onLabel).isLessThan(0.5);
    assertThat(fullOnLabel - onLabel).isGreaterThan(0.4);
  }
}
