package dev.inn.baselines.abc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.plugin.PluginRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool ABC keeps the training pairs nearest to y*, and survives save/load. */
class AbcPoolTest {

  @Test
  void keepsTheNearestTrainingPairs() throws Exception {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "inverse-kinematics");
    Problem ik = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    MethodProvider mp = registry.find(MethodProvider.class, "abc");
    PosteriorMethod abc = mp.create(ik, PluginRegistry.settingsFor(mp, "method", Map.of("mode", "pool", "keep", 50)));
    Dataset pool = ik.sample(20_000, 1);
    abc.train(pool, TrainingContext.quiet(1));
    float[] y = {0.3f, 1.6f};
    Matrix x = abc.sample(y, 50, 0);
    double worstKept = 0;
    Matrix ys = ik.simulator().orElseThrow().simulate(x, 0).y();
    for (int i = 0; i < ys.rows(); i++) {
      worstKept = Math.max(worstKept, Math.hypot(ys.get(i, 0) - y[0], ys.get(i, 1) - y[1]));
    }
    int closer = 0;
    for (int i = 0; i < pool.size(); i++) {
      if (Math.hypot(pool.y().get(i, 0) - y[0], pool.y().get(i, 1) - y[1]) < worstKept - 1e-6) {
        closer++;
      }
    }
    assertThat(closer).as("pairs strictly closer than the farthest kept one").isLessThan(50);
    assertThat(worstKept).isLessThan(0.1);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    abc.save(new DataOutputStream(bytes));
    PosteriorMethod loaded = mp.create(ik, PluginRegistry.settingsFor(mp, "method", Map.of("mode", "pool", "keep", 50)));
    loaded.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(loaded.sample(y, 50, 0)).isEqualTo(x);
  }
}
