package dev.inn.baselines.eightmodes;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.mixture.GaussianMixture8;
import java.util.Map;

/** The paper's 8-modes problem (labels "some") and the measures the baseline tests assert. */
final class EightModes {

  static final PluginRegistry REGISTRY = PluginRegistry.fromClassPath();
  static final GaussianMixture8 PROBLEM = problem();
  /** Labels 0..3 of the "some" labelling: 4, 2, 1 and 1 components. */
  static final int LABELS = 4;

  private EightModes() {}

  private static GaussianMixture8 problem() {
    ProblemProvider p = REGISTRY.find(ProblemProvider.class, GaussianMixture8.NAME);
    return (GaussianMixture8) p.create(PluginRegistry.settingsFor(p, "problem", Map.of("labels", "some")));
  }

  static PosteriorMethod method(String name, Map<String, Object> settings) {
    MethodProvider m = REGISTRY.find(MethodProvider.class, name);
    return m.create(PROBLEM, PluginRegistry.settingsFor(m, "method", settings));
  }

  static Dataset data(int n) {
    return PROBLEM.sample(n, 11);
  }

  /** Trains and returns the seconds taken. */
  static double train(PosteriorMethod m, int n, long seed) {
    long t0 = System.nanoTime();
    m.train(data(n), TrainingContext.quiet(seed));
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Share of samples within 3 sigma of a component that carries {@code label}. */
  static double onLabel(Matrix s, int label) {
    double limit = 3 * GaussianMixture8.SIGMA;
    double[][] c = GaussianMixture8.centres();
    int hit = 0;
    for (int i = 0; i < s.rows(); i++) {
      for (int k : PROBLEM.componentsWithLabel(label)) {
        double dx = s.get(i, 0) - c[k][0];
        double dy = s.get(i, 1) - c[k][1];
        if (dx * dx + dy * dy <= limit * limit) {
          hit++;
          break;
        }
      }
    }
    return hit / (double) s.rows();
  }

  /** Mean over the four labels of {@link #onLabel}, {@code n} samples per label. */
  static double onLabel(PosteriorMethod m, int n) {
    double sum = 0;
    for (int label = 0; label < LABELS; label++) {
      sum += onLabel(m.sample(GaussianMixture8.oneHot(label), n, 100 + label), label);
    }
    return sum / LABELS;
  }

  /** Of the components carrying {@code label}, how many get at least {@code share} of the samples (within 3 sigma). */
  static int componentsCovered(Matrix s, int label, double share) {
    double limit = 3 * GaussianMixture8.SIGMA;
    double[][] c = GaussianMixture8.centres();
    int covered = 0;
    for (int k : PROBLEM.componentsWithLabel(label)) {
      int hit = 0;
      for (int i = 0; i < s.rows(); i++) {
        double dx = s.get(i, 0) - c[k][0];
        double dy = s.get(i, 1) - c[k][1];
        if (dx * dx + dy * dy <= limit * limit) {
          hit++;
        }
      }
      if (hit >= share * s.rows()) {
        covered++;
      }
    }
    return covered;
  }
}
