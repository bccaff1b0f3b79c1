package dev.inn.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.training.Objective;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.plugin.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Results do not depend on the thread count: the cINN (whose batches are split into shards)
 * and the INN (whose large operations are split by rows) train to identical weights with 1
 * and 2 threads; and a sharded batch's gradient is the whole batch's.
 */
class ThreadCountTest {

  private static byte[] trainedWeights(String method, Map<String, Object> settings, int threads) throws IOException {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    MethodProvider mp = registry.find(MethodProvider.class, method);
    Map<String, Object> s = new java.util.HashMap<>(settings);
    s.put("threads", threads);
    PosteriorMethod m = mp.create(problem, PluginRegistry.settingsFor(mp, "method", s));
    m.train(problem.sample(2000, 7), TrainingContext.quiet(11));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.save(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  @Test
  void cinnTrainsToIdenticalWeightsWithOneAndTwoThreads() throws IOException {
    // batch 128: two shards of 64 rows, run in turn on one thread or at once on two; on two
    // threads the steps after the warm-up switch between both ways while they are timed
    int steps = ThreadUseTrial.WARMUP + 2 * ThreadUseTrial.BLOCKS * ThreadUseTrial.BLOCK + 10;
    Map<String, Object> settings = Map.of("blocks", 2, "hidden", 16, "steps", steps, "batch", 128);
    byte[] one = trainedWeights("cinn", settings, 1);
    byte[] two = trainedWeights("cinn", settings, 2);
    assertThat(two).isEqualTo(one);
  }

  @Test
  void innTrainsToIdenticalWeightsWithOneAndTwoThreads() throws IOException {
    // hidden 128 and batch 200: products and kernel maps large enough to be split over threads
    Map<String, Object> settings = Map.of("blocks", 2, "hidden", 128, "steps", 8, "batch", 200);
    byte[] one = trainedWeights("inn", settings, 1);
    byte[] two = trainedWeights("inn", settings, 2);
    assertThat(two).isEqualTo(one);
  }

  @Test
  void stagedInnObjectiveOnShardsHasTheWholeBatchLossAndGradient() {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    // MMD on z and on x (with the paper's y-weighted pairs) and every per-row term
    Map<String, Object> settings = Map.of("blocks", 2, "hidden", 32, "layers", 2, "z_loss", "mmd",
        "backward_weight_sigma", 0.5, "weight_pad", 2.0, "weight_rec", 1.0, "activation", "tanh", "init_std", 0.3);
    dev.inn.core.inn.InnMethod inn = (dev.inn.core.inn.InnMethod) mp.create(problem,
        PluginRegistry.settingsFor(mp, "method", settings));
    List<ModelParameter> trainable = inn.parameters().trainable();
    SplittableRandom r = new SplittableRandom(5);
    for (ModelParameter p : trainable) {
      for (int i = 0; i < p.data().length; i++) {
        p.data()[i] += (float) (0.2 * r.nextGaussian());
      }
    }
    int n = 200;
    assertThat(BatchStep.shards(n)).isGreaterThan(1);
    Dataset batch = problem.sample(n, 3);
    Objective unstaged = (ops, b, random, step) -> inn.objective().terms(ops, b, random, step);
    try (RowParallel two = new RowParallel(2)) {
      BatchStep.Terms whole = new BatchStep(trainable, unstaged, two).run(batch, new SplittableRandom(1), 7, true);
      float[][] wholeGrads = trainable.stream().map(p -> p.gradient().clone()).toArray(float[][]::new);
      BatchStep.Terms sharded = new BatchStep(trainable, inn.objective(), two).run(batch, new SplittableRandom(1), 7, true);
      assertThat(sharded.names()).containsExactlyElementsOf(whole.names()).contains("L_z", "L_x", "L_rec");
      for (int i = 0; i < whole.values().length; i++) {
        assertThat(sharded.values()[i]).as(whole.names().get(i))
            .isCloseTo(whole.values()[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(whole.values()[i]))));
      }
      int nonZero = 0;
      for (int i = 0; i < trainable.size(); i++) {
        float[] g = trainable.get(i).gradient();
        float scale = 0f;
        for (float v : wholeGrads[i]) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < g.length; j++) {
          assertThat(g[j]).as(trainable.get(i).name() + "[" + j + "]")
              .isCloseTo(wholeGrads[i][j], org.assertj.core.data.Offset.offset(1e-4f * scale + 1e-7f));
          nonZero += wholeGrads[i][j] != 0f ? 1 : 0;
        }
      }
      assertThat(nonZero).as("weights with a gradient").isGreaterThan(1000);
    }
  }

  @Test
  void shardedGradientEqualsTheWholeBatchGradient() {
    ParameterStore store = new ParameterStore(3);
    Parameter w = store.root().trainable("w", 3, 16, 0.5);
    Parameter b = store.root().trainable("b", 1, 16, 0.1);
    Parameter v = store.root().trainable("v", 16, 2, 0.5);
    Parameter c = store.root().trainable("c", 1, 2, 0.1);
    Objective perRow = (ops, batch, random, step) -> {
      Tensor h = ops.tanh(ops.linear(ops.constant(batch.x()), w, b));
      Tensor out = ops.linear(h, v, c);
      Tensor err = ops.sub(out, ops.constant(batch.y()));
      return List.of(new LossTerm("mse", 2.0, ops.mean(ops.sumColumns(ops.square(err)))),
          new LossTerm("mean", 0.5, ops.mean(ops.sumColumns(h))));
    };
    SplittableRandom r = new SplittableRandom(9);
    int n = 200;
    float[] x = new float[n * 3];
    float[] y = new float[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    Dataset batch = new Dataset(new Matrix(n, 3, x), new Matrix(n, 2, y));
    List<ModelParameter> trainable = store.trainable();
    assertThat(BatchStep.shards(n)).isGreaterThan(1);
    try (RowParallel two = new RowParallel(2)) {
      BatchStep.Terms whole = new BatchStep(trainable, perRow, two).run(batch, new SplittableRandom(1), 0, true);
      float[][] wholeGrads = trainable.stream().map(p -> p.gradient().clone()).toArray(float[][]::new);
      BatchStep.Terms sharded = new BatchStep(trainable, Objective.separableOverRows(perRow), two)
          .run(batch, new SplittableRandom(1), 0, true);
      assertThat(sharded.total()).isCloseTo(whole.total(), org.assertj.core.data.Offset.offset(1e-5));
      for (int i = 0; i < trainable.size(); i++) {
        float[] g = trainable.get(i).gradient();
        for (int j = 0; j < g.length; j++) {
          assertThat(g[j]).as(trainable.get(i).name() + "[" + j + "]")
              .isCloseTo(wholeGrads[i][j], org.assertj.core.data.Offset.offset(1e-5f * (1 + Math.abs(wholeGrads[i][j]))));
        }
      }
    }
  }
}
