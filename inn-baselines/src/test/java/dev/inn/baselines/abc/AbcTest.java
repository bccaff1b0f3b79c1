package dev.inn.baselines.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.settings.Settings;
import dev.inn.baselines.testing.LinearGaussianProblem;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.kinematics.InverseKinematics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AbcTest {

  // prior sd (1, 0.5), y = x1 + x2: posterior mean (0.64, 0.16) for y* = 0.8, covariance [[.2, -.2], [-.2, .2]]
  private final LinearGaussianProblem linear = new LinearGaussianProblem(new double[] {1, 0.5}, new double[] {1, 1});
  private static final float[] Y_STAR = {0.8f};

  private static AbcConfig threshold(double eps) {
    return new AbcConfig(AbcMode.THRESHOLD, eps, 0.005, 50_000_000L, 4096, 0, 256, false);
  }

  private static AbcConfig quantile(double q) {
    return new AbcConfig(AbcMode.QUANTILE, 0.1, q, 50_000_000L, 4096, 0, 256, false);
  }

  @Test
  void thresholdAbcMatchesTheAnalyticPosteriorOfALinearGaussianProblem() {
    Abc abc = new Abc(linear, threshold(0.02));
    Matrix s = abc.sample(Y_STAR, 4000, 1);
    assertMatchesPosterior(s);
    AbcRunStats stats = abc.lastRunStats();
    assertThat(stats.accepted()).isEqualTo(4000);
    // P(|x1 + x2 - 0.8| < 0.02) = 0.04 * N(0.8; 0, 1.25) ~ 0.011
    assertThat(stats.acceptanceRate()).isBetween(0.008, 0.014);
    assertThat(stats.maxAcceptedDistance()).isLessThan(0.02);
  }

  @Test
  void quantileAbcRunsExactlyNOverQSimulationsAndMatchesThePosterior() {
    Abc abc = new Abc(linear, quantile(0.01));
    Abc.Result r = abc.sampleWithStats(Y_STAR, 2000, 2);
    assertThat(r.stats().simulations()).isEqualTo(200_000);
    assertThat(r.stats().acceptanceRate()).isCloseTo(0.01, within(1e-12));
    assertMatchesPosterior(r.samples());
    // the kept samples are the closest: every one re-simulates within the reported largest distance
    Matrix y = linear.simulator().orElseThrow().simulate(r.samples(), 0).y();
    for (int i = 0; i < y.rows(); i++) {
      assertThat(Math.abs(y.get(i, 0) - 0.8)).isLessThanOrEqualTo(r.stats().maxAcceptedDistance() + 1e-6);
    }
    assertThat(r.stats().maxAcceptedDistance()).isLessThan(0.03);
  }

  private void assertMatchesPosterior(Matrix s) {
    double[] mean = linear.posteriorMean(0.8);
    double[][] cov = linear.posteriorCovariance();
    double m0 = 0;
    double m1 = 0;
    for (int i = 0; i < s.rows(); i++) {
      m0 += s.get(i, 0);
      m1 += s.get(i, 1);
    }
    m0 /= s.rows();
    m1 /= s.rows();
    double c00 = 0;
    double c11 = 0;
    double c01 = 0;
    for (int i = 0; i < s.rows(); i++) {
      double d0 = s.get(i, 0) - m0;
      double d1 = s.get(i, 1) - m1;
      c00 += d0 * d0;
      c11 += d1 * d1;
      c01 += d0 * d1;
    }
    int n = s.rows() - 1;
    // standard error of the means ~ sqrt(0.2 / 2000) = 0.01
    assertThat(m0).isCloseTo(mean[0], within(0.04));
    assertThat(m1).isCloseTo(mean[1], within(0.04));
    assertThat(c00 / n).isCloseTo(cov[0][0], within(0.1 * cov[0][0]));
    assertThat(c11 / n).isCloseTo(cov[1][1], within(0.1 * cov[1][1]));
    assertThat(c01 / n).isCloseTo(cov[0][1], within(0.1 * Math.abs(cov[0][1])));
  }

  @Test
  void everyAcceptedInverseKinematicsSampleReSimulatesWithinEpsilon() {
    InverseKinematics ik = new InverseKinematics();
    double eps = 0.05;
    Abc abc = new Abc(ik, threshold(eps));
    abc.train(ik.sample(10, 0), TrainingContext.quiet(0));
    Matrix s = abc.sample(InverseKinematics.hardObservation(), 500, 3);
    Matrix y = ik.simulator().orElseThrow().simulate(s, 0).y();
    for (int i = 0; i < s.rows(); i++) {
      double d = Math.hypot(y.get(i, 0) - 0, y.get(i, 1) - 1.5);
      assertThat(d).as("re-simulation distance of sample %d", i).isLessThan(eps);
    }
    assertThat(abc.lastRunStats().simulations()).isGreaterThan(500);
  }

  @Test
  void sameSeedGivesIdenticalSamplesForOneAndTwoThreads() {
    InverseKinematics ik = new InverseKinematics();
    for (AbcConfig c : List.of(threshold(0.1), new AbcConfig(AbcMode.QUANTILE, 0.1, 0.002, 10_000_000L, 1000, 0, 256, false))) {
      Abc one = new Abc(ik, c.withThreads(1));
      Abc two = new Abc(ik, c.withThreads(2));
      Matrix a = one.sample(InverseKinematics.hardObservation(), 300, 99);
      Matrix b = two.sample(InverseKinematics.hardObservation(), 300, 99);
      assertThat(b).as("mode %s", c.mode()).isEqualTo(a);
      assertThat(two.lastRunStats().simulations()).isEqualTo(one.lastRunStats().simulations());
      assertThat(one.sample(InverseKinematics.hardObservation(), 300, 100)).isNotEqualTo(a);
    }
  }

  @Test
  void exhaustedBudgetFailsWithCountsAndAdvice() {
    Abc abc = new Abc(new InverseKinematics(), new AbcConfig(AbcMode.THRESHOLD, 1e-4, 0.01, 30_000, 4096, 0, 256, false));
    assertThatThrownBy(() -> abc.sample(InverseKinematics.hardObservation(), 1000, 1))
        .isInstanceOf(AbcBudgetExceededException.class)
        .hasMessageContaining("of the 1000 requested samples in 30000 simulations")
        .hasMessageContaining("increase 'epsilon'");
  }

  /** A problem whose simulator flags x1 > 0 invalid while still writing y = y* there. */
  private Problem withInvalidHalf() {
    return new Problem() {
      @Override
      public String name() {
        return "half-invalid";
      }

      @Override
      public List<String> parameterNames() {
        return linear.parameterNames();
      }

      @Override
      public List<String> observationNames() {
        return linear.observationNames();
      }

      @Override
      public Dataset sample(int n, long seed) {
        return linear.sample(n, seed);
      }

      @Override
      public Optional<Prior> prior() {
        return linear.prior();
      }

      @Override
      public Optional<Simulator> simulator() {
        return Optional.of((x, seed, firstRow) -> {
          Simulation s = linear.simulator().orElseThrow().simulate(x, seed, firstRow);
          boolean[] valid = s.valid().clone();
          float[] y = s.y().data().clone();
          for (int i = 0; i < x.rows(); i++) {
            if (x.get(i, 0) > 0) {
              valid[i] = false;
              y[i] = 0.8f;
            }
          }
          return new Simulation(new Matrix(x.rows(), 1, y), valid);
        });
      }
    };
  }

  @Test
  void invalidSimulationsAreNeverAccepted() {
    Problem p = withInvalidHalf();
    for (AbcConfig c : List.of(threshold(0.05), quantile(0.01))) {
      Abc abc = new Abc(p, c);
      Matrix s = abc.sample(Y_STAR, 300, 4);
      for (int i = 0; i < s.rows(); i++) {
        assertThat(s.get(i, 0)).as("mode %s sample %d", c.mode(), i).isLessThanOrEqualTo(0f);
      }
      assertThat(abc.lastRunStats().invalidSimulations()).isGreaterThan(abc.lastRunStats().simulations() / 3);
    }
  }

  @Test
  void problemsWithoutSimulatorAreRejectedByTrain() {
    Problem data = new Problem() {
      @Override
      public String name() {
        return "my-data";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("a");
      }

      @Override
      public List<String> observationNames() {
        return List.of("b");
      }

      @Override
      public Dataset sample(int n, long seed) {
        return new Dataset(Matrix.zeros(n, 1), Matrix.zeros(n, 1));
      }
    };
    Abc abc = new Abc(data, threshold(0.1));
    assertThatThrownBy(() -> abc.train(data.sample(5, 1), TrainingContext.quiet(1)))
        .hasMessageContaining("'abc'").hasMessageContaining("prior").hasMessageContaining("my-data");
  }

  @Test
  void badObservationIsRejected() {
    Abc abc = new Abc(linear, threshold(0.1));
    assertThatThrownBy(() -> abc.sample(new float[] {1, 2}, 10, 1)).hasMessageContaining("2 values");
    assertThatThrownBy(() -> abc.sample(new float[] {Float.NaN}, 10, 1)).hasMessageContaining("NaN");
  }

  @Test
  void providerIsRegisteredAndSaveLoadRoundTripsTheSettings() throws IOException {
    MethodProvider provider = PluginRegistry.fromClassPath().find(MethodProvider.class, "abc");
    PosteriorMethod m = provider.create(linear, provider.settings(Map.of("mode", "quantile", "quantile", 0.02)));
    assertThat(((Abc) m).config().mode()).isEqualTo(AbcMode.QUANTILE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.save(new DataOutputStream(bytes));
    PosteriorMethod same = provider.create(linear, provider.settings(Map.of("mode", "quantile", "quantile", 0.02)));
    same.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(same.sample(Y_STAR, 50, 5)).isEqualTo(m.sample(Y_STAR, 50, 5));
    PosteriorMethod other = provider.create(linear, provider.settings(Map.of("mode", "threshold")));
    assertThatThrownBy(() -> other.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
        .isInstanceOf(IOException.class).hasMessageContaining("mode");
    assertThatThrownBy(() -> provider.create(linear, provider.settings(Map.of("mode", "smc"))))
        .hasMessageContaining("mode").hasMessageContaining("smc");
  }
}
