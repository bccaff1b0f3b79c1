package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.core.plugin.PluginRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cINN on sets whose size differs between simulations: rows (u, v) with u ~ N(mu, s^2) and
 * v ~ N(0, 1) (a channel that carries nothing), mu ~ N(0, 1), log s ~ U(-1, 0), n from 4 to 40.
 * With s known the posterior of mu given n rows would be normal with sd s / sqrt(n + s^2);
 * the test asserts what follows from it: the posterior mean of mu follows the rows' mean and
 * one model's posterior narrows as the set grows.
 */
class RaggedCinnTest {

  static final int MAX_N = 40;

  static Problem setProblem() {
    return new Problem() {
      @Override
      public String name() {
        return "test-set-location";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("mu", "log_s");
      }

      @Override
      public List<String> observationNames() {
        return List.of("u", "v");
      }

      @Override
      public ObservationShape observationShape() {
        return new ObservationShape.Set(2);
      }

      @Override
      public Dataset sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n * MAX_N * 2];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
          double mu = r.nextGaussian();
          double logS = -r.nextDouble();
          x[2 * i] = (float) mu;
          x[2 * i + 1] = (float) logS;
          lengths[i] = 4 + r.nextInt(MAX_N - 3);
          for (int k = 0; k < lengths[i]; k++) {
            y[i * MAX_N * 2 + 2 * k] = (float) (mu + Math.exp(logS) * r.nextGaussian());
            y[i * MAX_N * 2 + 2 * k + 1] = (float) r.nextGaussian();
          }
        }
        return new Dataset(new Matrix(n, 2, x), new Matrix(n, MAX_N * 2, y), lengths);
      }
    };
  }

  static CinnMethod method(Map<String, Object> extra) {
    Map<String, Object> o = new java.util.HashMap<>(Map.of("condition", "test-mean-pool", "ensemble", 1,
        "hidden", 32, "max_epochs", 15));
    o.putAll(extra);
    return new CinnMethod(setProblem(), CinnMethodTest.settings(o), PluginRegistry.fromClassPath());
  }

  static CinnMethod trained;

  @BeforeAll
  static void train() {
    trained = method(Map.of());
    trained.train(setProblem().sample(2000, 1), new TrainingContext(2, ProgressListener.NONE));
  }

  /** A set of n rows around mu with the given spread. */
  static float[] set(int n, double mu, double s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[2 * n];
    for (int k = 0; k < n; k++) {
      out[2 * k] = (float) (mu + s * r.nextGaussian());
      out[2 * k + 1] = (float) r.nextGaussian();
    }
    return out;
  }

  static double[] meanAndSd(Matrix samples, int col) {
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < samples.rows(); i++) {
      s += samples.get(i, col);
      s2 += samples.get(i, col) * samples.get(i, col);
    }
    double m = s / samples.rows();
    return new double[] {m, Math.sqrt(s2 / samples.rows() - m * m)};
  }

  @Test
  void oneModelServesEverySetSizeAndFollowsTheData() {
    float[] small = set(5, 1.0, 0.5, 7);
    float[] large = set(40, 1.0, 0.5, 7);
    double[] mSmall = meanAndSd(trained.sample(small, 2000, 3), 0);
    double[] mLarge = meanAndSd(trained.sample(large, 2000, 3), 0);
    double rowMean = 0;
    for (int k = 0; k < 40; k++) {
      rowMean += large[2 * k] / 40.0;
    }
    // the exact posterior sd of mu at n = 40 is about 0.08, at n = 5 about 0.22
    assertThat(Math.abs(mLarge[0] - rowMean)).isLessThan(0.2);
    assertThat(mLarge[1]).isLessThan(0.75 * mSmall[1]);
    assertThat(mSmall[1]).isBetween(0.1, 0.5);
    double[] negative = meanAndSd(trained.sample(set(40, -1.0, 0.5, 8), 2000, 3), 0);
    assertThat(negative[0]).isLessThan(-0.6);
  }

  @Test
  void dataFromTheSimulatorPassAndDataItCannotMakeAreFlagged() throws Exception {
    Dataset fresh = setProblem().sample(60, 77);
    int flaggedFresh = 0;
    for (int i = 0; i < fresh.size(); i++) {
      float[] obs = java.util.Arrays.copyOf(fresh.y().row(i), fresh.lengths()[i] * 2);
      flaggedFresh += trained.misfit(obs).orElseThrow().flagged() ? 1 : 0;
    }
    // sets around mu = 5, five prior standard deviations out
    int flaggedShifted = 0;
    for (int i = 0; i < 30; i++) {
      float[] shifted = set(30, 5.0, 0.5, 100 + i);
      flaggedShifted += trained.misfit(shifted).orElseThrow().flagged() ? 1 : 0;
    }
    // the combined check flags 1-2 % of fresh simulations (measured on 2000 with 200 and 1000
    // held out, SummaryReferenceTest's sets); 6 of 60 would be a broken calibration
    assertThat(flaggedFresh).isLessThanOrEqualTo(5);
    assertThat(flaggedShifted).isGreaterThanOrEqualTo(27);
    float[] wide = set(30, 5.0, 0.5, 5);
    assertThat(trained.outOfRange(wide)).anyMatch(w -> w.contains("outside the simulator's reach"));
    // the check never changes the samples, and it survives saving
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trained.save(new DataOutputStream(bytes));
    CinnMethod loaded = method(Map.of());
    loaded.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(loaded.misfit(wide)).isEqualTo(trained.misfit(wide));
    assertThat(method(Map.of()).misfit(wide)).isEmpty();
  }

  @Test
  void paddingAndRowOrderDoNotChangeTheDensity() {
    float[] obs = set(12, 0.3, 0.6, 9);
    Matrix x = trained.sample(obs, 64, 5);
    double[] direct = trained.logDensity(obs, x);
    // the same pairs given as padded rows of a longer data set
    float[] padded = new float[64 * MAX_N * 2];
    float[] reversed = new float[obs.length];
    for (int k = 0; k < 12; k++) {
      reversed[2 * k] = obs[2 * (11 - k)];
      reversed[2 * k + 1] = obs[2 * (11 - k) + 1];
    }
    for (int i = 0; i < 64; i++) {
      System.arraycopy(obs, 0, padded, i * MAX_N * 2, obs.length);
    }
    int[] lengths = new int[64];
    java.util.Arrays.fill(lengths, 12);
    double[] viaPadding = trained.logDensities(new Dataset(x, new Matrix(64, MAX_N * 2, padded), lengths));
    double[] viaReversed = trained.logDensity(reversed, x);
    for (int i = 0; i < 64; i++) {
      assertThat(viaPadding[i]).isCloseTo(direct[i], org.assertj.core.data.Offset.offset(1e-4));
      assertThat(viaReversed[i]).isCloseTo(direct[i], org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void savedModelSamplesTheSame() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trained.save(new DataOutputStream(bytes));
    CinnMethod loaded = method(Map.of());
    loaded.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    float[] obs = set(20, 0.5, 0.4, 11);
    assertThat(loaded.sample(obs, 100, 4)).isEqualTo(trained.sample(obs, 100, 4));
  }

  @Test
  void badObservationsAreRefusedNamingThePlace() {
    assertThatThrownBy(() -> trained.sample(new float[0], 10, 1))
        .hasMessageContaining("empty set");
    assertThatThrownBy(() -> trained.sample(new float[] {1f, 2f, 3f}, 10, 1))
        .hasMessageContaining("3 values, not a whole number of rows of 2 values");
    float[] nan = set(6, 0, 1, 1);
    nan[7] = Float.NaN;
    assertThatThrownBy(() -> trained.sample(nan, 10, 1)).hasMessageContaining("row 3, value 1 is NaN");
    CinnMethod needsFour = method(Map.of("condition_settings", Map.of("min_length", 4)));
    assertThatThrownBy(() -> needsFour.sample(new float[] {1f, 2f, 3f, 4f}, 10, 1))
        .hasMessageContaining("has 2 rows; the summary network needs at least 4");
  }

  @Test
  void badTrainingDataIsRefusedBeforeTraining() {
    Dataset data = setProblem().sample(50, 3);
    data.y().data()[5 * MAX_N * 2 + 3] = Float.NaN;
    assertThatThrownBy(() -> method(Map.of()).train(data, new TrainingContext(1, ProgressListener.NONE)))
        .hasMessageContaining("observation 5, row 1, value 1 is NaN");
    Dataset empty = setProblem().sample(50, 3);
    empty.lengths()[7] = 0;
    java.util.Arrays.fill(empty.y().data(), 7 * MAX_N * 2, 8 * MAX_N * 2, 0f);
    assertThatThrownBy(() -> method(Map.of()).train(empty, new TrainingContext(1, ProgressListener.NONE)))
        .hasMessageContaining("observation 7 is an empty set");
  }

  @Test
  void aVectorNetworkIsRefusedForSetsAndTheDefaultFollowsTheShape() {
    assertThatThrownBy(() -> method(Map.of("condition", "mlp")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not take a set of rows of 2 values");
    assertThat(CinnPlugins.automaticCondition(new ObservationShape.Vector(3))).isEqualTo("mlp");
    // with no setting, the set problem gets a network that takes sets
    CinnMethod auto = new CinnMethod(setProblem(), CinnMethodTest.settings(Map.of()), PluginRegistry.fromClassPath());
    assertThat(auto.sample(set(7, 0, 1, 3), 5, 1).rows()).isEqualTo(5);
    assertThat(CinnPlugins.automaticCondition(new ObservationShape.Set(2))).isEqualTo("deepset");
    assertThat(CinnPlugins.automaticCondition(new ObservationShape.Sequence(1))).isEqualTo("conv1d");
  }
}
