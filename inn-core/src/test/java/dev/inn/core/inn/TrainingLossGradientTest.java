package dev.inn.core.inn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gradient of the whole bi-directional training loss against central finite differences. */
class TrainingLossGradientTest {

  private final PluginRegistry registry = PluginRegistry.fromClassPath();

  @ParameterizedTest
  @CsvSource({"affine-coupling, mmd", "glow-coupling, mmd", "nice-coupling, mmd", "affine-coupling, likelihood",
      "glow-coupling, likelihood"})
  void backpropagationMatchesFiniteDifferences(String block, String zLoss) {
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    Map<String, Object> overrides = Map.of("block", block, "blocks", 2, "hidden", 8, "layers", 2,
        "activation", "tanh", "width", 4, "init_std", 0.3, "z_loss", zLoss);
    InnMethod inn = new InnMethod(problem,
        Settings.resolve("inn", InnConfig.defaults(), overrides), registry);
    // move last layers off zero so every weight has a gradient
    SplittableRandom r = new SplittableRandom(1);
    for (ModelParameter p : inn.parameters().trainable()) {
      for (int i = 0; i < p.data().length; i++) {
        p.data()[i] += (float) (0.2 * r.nextGaussian());
      }
    }
    Dataset batch = problem.sample(16, 3);
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), true);
    for (ModelParameter p : inn.parameters().trainable()) {
      java.util.Arrays.fill(p.gradient(), 0f);
    }
    g.backward(total(g, inn, batch));
    List<dev.inn.api.data.Matrix> detached = g.detachedValues();
    // the MMD on z detaches y; the likelihood needs no detach; L_rec detaches its input
    assertThat(detached).as("detached inputs").hasSize(zLoss.equals("mmd") ? 2 : 1);

    List<float[]> picks = new ArrayList<>();
    List<ModelParameter> all = inn.parameters().trainable();
    for (int pi = 0; pi < all.size(); pi++) {
      float[] grad = all.get(pi).gradient();
      for (int i = 0; i < grad.length; i++) {
        picks.add(new float[] {pi, i, grad[i]});
      }
    }
    picks.sort(Comparator.comparingDouble(a -> -Math.abs(a[2])));
    int checked = 0;
    for (float[] pick : picks.subList(0, 12)) {
      ModelParameter p = all.get((int) pick[0]);
      int i = (int) pick[1];
      float h = 2e-3f;
      float keep = p.data()[i];
      p.data()[i] = keep + h;
      double up = value(inn, batch, detached);
      p.data()[i] = keep - h;
      double down = value(inn, batch, detached);
      p.data()[i] = keep;
      double numeric = (up - down) / (2 * h);
      assertThat((double) pick[2]).as(block + " " + zLoss + " " + p.name() + "[" + i + "]")
          .isCloseTo(numeric, org.assertj.core.data.Offset.offset(0.05 * Math.abs(numeric) + 2e-2));
      checked++;
    }
    assertThat(checked).isEqualTo(12);
  }

  private static dev.inn.api.tensor.Tensor total(Graph g, InnMethod inn, Dataset batch) {
    dev.inn.api.tensor.Tensor total = null;
    for (LossTerm t : inn.terms(g, batch, new SplittableRandom(42), 0)) {
      dev.inn.api.tensor.Tensor w = g.scale(t.value(), (float) t.weight());
      total = total == null ? w : g.add(total, w);
    }
    return total;
  }

  private static double value(InnMethod inn, Dataset batch, List<dev.inn.api.data.Matrix> detached) {
    Graph g = new Graph(new ArrayPool(), new RowParallel(1), false);
    g.freezeDetached(detached);
    return total(g, inn, batch).scalar();
  }
}
