package dev.inn.core.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The support bijection round-trips, lands every value inside, and keeps INN samples inside. */
class SupportTransformTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  private final SupportTransform t = SupportTransform.of(
      new Support(new double[] {0, 2, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
          new double[] {0.1, INF, 5, INF}));

  @Test
  void roundTripsInsideTheSupport() {
    Matrix x = new Matrix(3, 4, new float[] {
        0.05f, 2.5f, 4.0f, -7f,
        0.001f, 40f, -30f, 3f,
        0.0999f, 2.01f, 4.99f, 0f});
    Matrix back = t.toSupport(t.toUnbounded(x));
    for (int i = 0; i < x.data().length; i++) {
      assertThat(back.data()[i]).isCloseTo(x.data()[i], within(2e-4f * Math.max(1, Math.abs(x.data()[i]))));
    }
  }

  @Test
  void anyRealValueMapsIntoTheSupport() {
    Matrix u = new Matrix(2, 4, new float[] {-50f, -50f, 50f, 1f, 50f, 50f, -50f, -1f});
    Matrix x = t.toSupport(u);
    for (int r = 0; r < 2; r++) {
      assertThat(x.get(r, 0)).isBetween(0f, 0.1f);
      assertThat(x.get(r, 1)).isGreaterThanOrEqualTo(2f);
      assertThat(x.get(r, 2)).isLessThanOrEqualTo(5f);
    }
    assertThat(x.get(0, 3)).isEqualTo(1f);
  }

  @Test
  void edgeValuesStayFinite() {
    Matrix u = t.toUnbounded(new Matrix(1, 4, new float[] {0f, 2f, 5f, 0f}));
    for (float v : u.data()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }

  @Test
  void innSamplesStayInsideAUniformPrior() {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of("uniform", true)));
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    PosteriorMethod inn = mp.create(problem, PluginRegistry.settingsFor(mp, "method", Map.of("blocks", 3,
        "hidden", 32, "steps", 800, "lr", 3e-3, "lr_final", 3e-4, "weight_y", 10.0, "noise_y", 0.01,
        "standardize", true, "support_transform", true, "threads", 1)));
    inn.train(problem.sample(4000, 1), TrainingContext.quiet(3));
    Matrix x = inn.sample(new float[] {0.3f}, 2000, 4);
    double sumError = 0;
    for (int r = 0; r < x.rows(); r++) {
      assertThat(x.get(r, 0)).isBetween(0f, 1f);
      assertThat(x.get(r, 1)).isBetween(0f, 1f);
      sumError += Math.abs(x.get(r, 0) + x.get(r, 1) - 0.3);
    }
    // near the corner the posterior is a short segment; the samples re-simulate to y*
    assertThat(sumError / x.rows()).isLessThan(0.08);
  }
}
