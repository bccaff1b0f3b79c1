package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.junit.jupiter.api.Test;

class SirTest {

  private static final double N = 1e6;
  private final Sir task = new Sir();

  @Test
  void priorIsLogNormalWithTheSpecsParameters() {
    Matrix x = task.prior().orElseThrow().sample(20_000, 1);
    double[][] expected = {{Math.log(0.4), 0.5}, {Math.log(0.125), 0.2}};
    for (int j = 0; j < 2; j++) {
      double s = 0;
      double ss = 0;
      for (int i = 0; i < x.rows(); i++) {
        double v = Math.log(x.get(i, j));
        s += v;
        ss += v * v;
      }
      double mean = s / x.rows();
      assertThat(mean).isCloseTo(expected[j][0], within(0.02 * expected[j][1] * 2));
      assertThat(Math.sqrt(ss / x.rows() - mean * mean)).isCloseTo(expected[j][1], within(0.02 * expected[j][1]));
    }
  }

  @Test
  void odeConservesThePopulationAndTheSirInvariantAndMatchesRk4() {
    double beta = 0.45;
    double gamma = 0.12;
    double[] days = new double[161];
    for (int d = 0; d <= 160; d++) {
      days[d] = d;
    }
    double[][] states = Sir.solve(beta, gamma, days);
    assertThat(states).isNotNull();
    double invariant0 = Math.log(N - 1); // ln S + (beta / gamma) R / N at t = 0
    for (double[] s : states) {
      assertThat(s[0] + s[1] + s[2]).isCloseTo(N, within(1e-4));
      assertThat(Math.log(s[0]) + beta / gamma * s[2] / N).isCloseTo(invariant0, within(1e-8));
    }
    // the epidemic happens within the window: I peaks and most people end up recovered
    assertThat(states[160][2]).isGreaterThan(0.9 * N);

    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return 3;
      }

      @Override
      public void computeDerivatives(double t, double[] s, double[] ds) {
        ds[0] = -beta * s[0] * s[1] / N;
        ds[1] = beta * s[0] * s[1] / N - gamma * s[1];
        ds[2] = gamma * s[1];
      }
    };
    double[][] reference = FixedStepRk4.solve(ode, new double[] {N - 1, 1, 0}, days, 0.002);
    for (int d = 0; d <= 160; d++) {
      assertThat(states[d][1]).as("I at day %d", d).isCloseTo(reference[d][1], within(1e-6 * reference[d][1] + 1e-6));
    }
  }

  @Test
  void binomialSamplerHasTheBinomialMoments() {
    SplittableRandom rng = new SplittableRandom(9);
    for (double p : new double[] {1e-3, 0.05, 0.3, 0.8}) {
      double s = 0;
      double ss = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        int k = Sir.binomial(rng, 1000, p);
        assertThat(k).isBetween(0, 1000);
        s += k;
        ss += (double) k * k;
      }
      double mean = s / n;
      double variance = ss / n - mean * mean;
      double expectedVariance = 1000 * p * (1 - p);
      assertThat(mean).as("mean, p = %s", p).isCloseTo(1000 * p, within(5 * Math.sqrt(expectedVariance / n)));
      assertThat(variance).as("variance, p = %s", p).isCloseTo(expectedVariance, within(0.05 * expectedVariance));
    }
    assertThat(Sir.binomial(rng, 1000, 0)).isZero();
    assertThat(Sir.binomial(rng, 1000, 1)).isEqualTo(1000);
  }

  @Test
  void storedObservationsAreBinomialAroundTheOdeAtTheTrueParameters() {
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      float[] theta = ref.trueParameters();
      double[][] states = Sir.solve(theta[0], theta[1], Sir.observedDays());
      float[] y = ref.observation();
      assertThat(y[0]).isZero();
      for (int i = 0; i < 10; i++) {
        assertThat(y[i]).isEqualTo(Math.round(y[i]));
        double p = states[i][1] / N;
        double variance = 1000 * p * (1 - p);
        if (variance < 0.5) {
          // nearly no infected: the count must be (nearly) zero
          assertThat(y[i]).isLessThanOrEqualTo(3);
          continue;
        }
        double z = (y[i] - 1000 * p) / Math.sqrt(variance);
        sum += z;
        sumSquares += z * z;
        n++;
      }
    }
    assertThat(n).isGreaterThan(20);
    assertThat(sum / n).isCloseTo(0, within(0.45));
    assertThat(Math.sqrt(sumSquares / n)).isBetween(0.6, 1.5);
  }
}
