package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.ChunkedTraining;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.core.training.rows.ChunksOf;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Learned methods trained from chunks ({@link ChunkedTraining}) against the same pairs in
 * memory: the fixed-step schedule with a window covering every chunk gives the same weights
 * byte for byte; the epoch schedule, which holds out whole chunks instead of rows, gives a
 * posterior within a stated tolerance.
 */
class ChunkedTrainingTest {

  private static final PluginRegistry REGISTRY = PluginRegistry.fromClassPath();

  private static byte[] weights(PosteriorMethod m) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.save(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static PosteriorMethod method(String name, Problem problem, Map<String, Object> settings) {
    MethodProvider mp = REGISTRY.find(MethodProvider.class, name);
    return mp.create(problem, PluginRegistry.settingsFor(mp, "method", settings));
  }

  @Test
  void innFromChunksCoveredByTheWindowHasTheWeightsOfInMemoryTraining() throws IOException {
    ProblemProvider pp = REGISTRY.find(ProblemProvider.class, "test-sum");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of("scale", 2.0)));
    Map<String, Object> settings = Map.of("blocks", 2, "hidden", 16, "steps", 60, "batch", 64, "threads", 1);
    Dataset data = problem.sample(450, 1);
    PosteriorMethod inMemory = method("inn", problem, settings);
    inMemory.train(data, TrainingContext.quiet(2));
    PosteriorMethod streamed = method("inn", problem, settings);
    ((ChunkedTraining) streamed).train(new ChunksOf(data, 100), 5, TrainingContext.quiet(2));
    assertThat(weights(streamed)).isEqualTo(weights(inMemory));

    // a window of 2 of the 5 chunks: other batches and statistics from 2 chunks, other weights, still trained
    PosteriorMethod windowed = method("inn", problem, settings);
    ((ChunkedTraining) windowed).train(new ChunksOf(data, 100), 2, TrainingContext.quiet(2));
    assertThat(weights(windowed)).isNotEqualTo(weights(inMemory));
    assertThat(windowed.sample(new float[] {1.5f}, 200, 3).firstNonFinite()).isEqualTo(-1);
  }

  @Test
  void cinnWithEarlyStoppingFromChunksGivesTheInMemoryPosteriorWithinATolerance() {
    Problem problem = CinnMethodTest.linearGaussian();
    Settings settings = CinnMethodTest.settings(Map.of("hidden", 32, "blocks", 3, "ensemble", 1, "max_epochs", 12,
        "patience", 4));
    Dataset data = problem.sample(3000, 1);
    CinnMethod inMemory = new CinnMethod(problem, settings, REGISTRY);
    inMemory.train(data, TrainingContext.quiet(3));
    CinnMethod streamed = new CinnMethod(problem, settings, REGISTRY);
    streamed.train(new ChunksOf(data, 250), 12, TrainingContext.quiet(3));
    float[] y = {0.8f, -0.6f};
    double[] a = meanAndSd(inMemory.sample(y, 4000, 5));
    double[] b = meanAndSd(streamed.sample(y, 4000, 5));
    double[] cov = CinnMethodTest.posteriorCovariance();
    double[] sd = {Math.sqrt(cov[0]), Math.sqrt(cov[2])};
    // the validation rows differ (2 held-out chunks of 250, against 300 random rows), so the
    // stopping epoch and weights differ; the posteriors agree to 0.15 sd in the means and 15 % in the sds
    for (int k = 0; k < 2; k++) {
      assertThat(Math.abs(a[k] - b[k])).isLessThan(0.15 * sd[k]);
      assertThat(b[2 + k] / a[2 + k]).isBetween(0.85, 1.15);
    }
  }

  @Test
  void aWindowOfNoChunksIsRefused() {
    Problem problem = CinnMethodTest.linearGaussian();
    CinnMethod cinn = new CinnMethod(problem, CinnMethodTest.settings(Map.of()), REGISTRY);
    assertThatThrownBy(() -> cinn.train(new ChunksOf(problem.sample(100, 1), 50), 0, TrainingContext.quiet(1)))
        .hasMessage("window_chunks must be at least 1, got 0");
  }

  /** Column means then standard deviations of two-column samples. */
  private static double[] meanAndSd(Matrix s) {
    double[] out = new double[4];
    for (int k = 0; k < 2; k++) {
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < s.rows(); i++) {
        sum += s.get(i, k);
        sq += s.get(i, k) * (double) s.get(i, k);
      }
      double mean = sum / s.rows();
      out[k] = mean;
      out[2 + k] = Math.sqrt(sq / s.rows() - mean * mean);
    }
    return out;
  }
}
