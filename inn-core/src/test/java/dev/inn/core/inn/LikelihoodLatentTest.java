package dev.inn.core.inn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.core.plugin.PluginRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The INN with L_z as maximum likelihood (z_loss = "likelihood") against an exact posterior. */
class LikelihoodLatentTest {

  private final PluginRegistry registry = PluginRegistry.fromClassPath();

  private PosteriorMethod inn(Problem problem, Map<String, Object> overrides) {
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    Map<String, Object> s = new HashMap<>(Map.of("blocks", 3, "hidden", 32, "steps", 1200, "lr", 3e-3,
        "lr_final", 3e-4, "weight_y", 10.0, "noise_y", 0.01, "z_loss", "likelihood", "weight_z", 1.0,
        "threads", 1));
    s.put("weight_x", 0.0);
    s.putAll(overrides);
    return mp.create(problem, PluginRegistry.settingsFor(mp, "method", s));
  }

  @Test
  void likelihoodAloneLearnsTheGaussianPosteriorOfASum() {
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    // only L_y, L_rec and the likelihood on z: no MMD term can supply the spread
    PosteriorMethod inn = inn(problem, Map.of());
    inn.train(problem.sample(6000, 1), TrainingContext.quiet(5));
    // x ~ N(0, I), y = x1 + x2: x1 | y ~ N(y / 2, 1 / 2), and x1 + x2 = y exactly
    Matrix x = inn.sample(new float[] {1f}, 4000, 9);
    double mean = 0;
    double sq = 0;
    double sumError = 0;
    for (int r = 0; r < x.rows(); r++) {
      mean += x.get(r, 0);
      sq += x.get(r, 0) * x.get(r, 0);
      sumError += Math.abs(x.get(r, 0) + x.get(r, 1) - 1.0);
    }
    mean /= x.rows();
    double sd = Math.sqrt(sq / x.rows() - mean * mean);
    assertThat(mean).isCloseTo(0.5, within(0.08));
    assertThat(sd).isCloseTo(Math.sqrt(0.5), within(0.07));
    assertThat(sumError / x.rows()).isLessThan(0.05);
  }

  @Test
  void anUnknownLatentLossIsNamed() {
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    assertThatThrownBy(() -> inn(problem, Map.of("z_loss", "kl")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("z_loss")
        .hasMessageContaining("kl");
  }
}
