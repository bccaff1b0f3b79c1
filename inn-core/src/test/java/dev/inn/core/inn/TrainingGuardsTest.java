package dev.inn.core.inn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.core.training.TrainingDivergedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad data and diverging losses stop training with a message that names the cause. */
class TrainingGuardsTest {

  private final PluginRegistry registry = PluginRegistry.fromClassPath();

  private Problem problem() {
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    return pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
  }

  private PosteriorMethod inn(Problem p, Map<String, Object> s) {
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    return mp.create(p, PluginRegistry.settingsFor(mp, "method", s));
  }

  @Test
  void nanInTrainingDataIsNamedWithRowAndColumn() {
    Problem p = problem();
    Dataset d = p.sample(50, 1);
    d.x().data()[2 * 7 + 1] = Float.NaN;
    assertThatThrownBy(() -> inn(p, Map.of("steps", 5, "threads", 1)).train(d, TrainingContext.quiet(1)))
        .hasMessageContaining("NaN").hasMessageContaining("row 7").hasMessageContaining("column 1");
  }

  @Test
  void divergingLossStopsWithTheTermName() {
    Problem p = problem();
    // observations of absurd size make the forward squared error overflow to infinity
    Dataset d = p.sample(64, 1);
    float[] y = d.y().data();
    for (int i = 0; i < y.length; i++) {
      y[i] = 3e19f;
    }
    assertThatThrownBy(() -> inn(p, Map.of("steps", 5, "threads", 1)).train(d, TrainingContext.quiet(1)))
        .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("L_y");
  }

  @Test
  void wrongObservationLengthIsRefused() {
    Problem p = problem();
    PosteriorMethod inn = inn(p, Map.of("steps", 2, "threads", 1));
    assertThatThrownBy(() -> inn.sample(new float[] {1f, 2f}, 10, 1)).hasMessageContaining("2 values")
        .hasMessageContaining("1");
    assertThatThrownBy(() -> inn.sample(new float[] {Float.NaN}, 10, 1)).hasMessageContaining("NaN");
  }

  @Test
  void samplingIsReproducibleAndIndependentOfThreadCount() {
    Problem p = problem();
    Dataset d = p.sample(400, 3);
    PosteriorMethod one = inn(p, Map.of("steps", 40, "threads", 1, "hidden", 32));
    PosteriorMethod two = inn(p, Map.of("steps", 40, "threads", 2, "hidden", 32));
    one.train(d, TrainingContext.quiet(5));
    two.train(d, TrainingContext.quiet(5));
    Matrix a = one.sample(new float[] {0.5f}, 500, 1);
    org.assertj.core.api.Assertions.assertThat(two.sample(new float[] {0.5f}, 500, 1)).isEqualTo(a);
    org.assertj.core.api.Assertions.assertThat(one.sample(new float[] {0.5f}, 500, 1)).isEqualTo(a);
  }
}
