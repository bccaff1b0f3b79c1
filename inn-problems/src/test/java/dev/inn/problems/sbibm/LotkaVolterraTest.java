package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.junit.jupiter.api.Test;

class LotkaVolterraTest {

  private final LotkaVolterra task = new LotkaVolterra();

  @Test
  void priorIsLogNormalWithTheSpecsParameters() {
    Matrix x = task.prior().orElseThrow().sample(20_000, 1);
    double[] means = {-0.125, -3, -0.125, -3};
    for (int j = 0; j < 4; j++) {
      double s = 0;
      double ss = 0;
      for (int i = 0; i < x.rows(); i++) {
        double v = Math.log(x.get(i, j));
        s += v;
        ss += v * v;
      }
      double mean = s / x.rows();
      assertThat(mean).isCloseTo(means[j], within(0.015));
      assertThat(Math.sqrt(ss / x.rows() - mean * mean)).isCloseTo(0.5, within(0.01));
    }
  }

  @Test
  void odeConservesTheLotkaVolterraInvariantAndMatchesRk4() {
    double[] theta = {0.9, 0.05, 0.8, 0.04};
    double[] times = new double[201];
    for (int k = 0; k <= 200; k++) {
      times[k] = k / 10.0;
    }
    double[][] states = LotkaVolterra.solve(theta, times);
    assertThat(states).isNotNull();
    double v0 = invariant(theta, 30, 1);
    for (double[] s : states) {
      assertThat(invariant(theta, s[0], s[1])).isCloseTo(v0, within(1e-6 * Math.abs(v0)));
    }
    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return 2;
      }

      @Override
      public void computeDerivatives(double t, double[] s, double[] ds) {
        ds[0] = theta[0] * s[0] - theta[1] * s[0] * s[1];
        ds[1] = -theta[2] * s[1] + theta[3] * s[0] * s[1];
      }
    };
    double[][] reference = FixedStepRk4.solve(ode, new double[] {30, 1}, times, 1e-3);
    for (int k = 0; k <= 200; k++) {
      for (int c = 0; c < 2; c++) {
        assertThat(states[k][c]).isCloseTo(reference[k][c], within(1e-6 * Math.abs(reference[k][c])));
      }
    }
  }

  /** V = delta X - gamma ln X + beta Y - alpha ln Y is constant along solutions. */
  private static double invariant(double[] theta, double prey, double predator) {
    return theta[3] * prey - theta[2] * Math.log(prey) + theta[1] * predator - theta[0] * Math.log(predator);
  }

  @Test
  void aSolveThatNeedsTooManyStepsFailsInsteadOfHanging() {
    assertThat(LotkaVolterra.solve(new double[] {5e4, 1, 5e4, 1}, LotkaVolterra.observedTimes())).isNull();
  }

  @Test
  void noiseIsLogNormalWithSdPointOne() {
    double[] theta = {0.9, 0.05, 0.8, 0.04};
    double[][] states = LotkaVolterra.solve(theta, LotkaVolterra.observedTimes());
    SplittableRandom rng = new SplittableRandom(4);
    double[] y = new double[20];
    double s = 0;
    double ss = 0;
    int n = 0;
    for (int i = 0; i < 500; i++) {
      task.simulate(theta, rng, y);
      for (int k = 0; k < 10; k++) {
        for (int c = 0; c < 2; c++) {
          double r = Math.log(y[c * 10 + k] / states[k][c]);
          s += r;
          ss += r * r;
          n++;
        }
      }
    }
    assertThat(s / n).isCloseTo(0, within(0.003));
    assertThat(Math.sqrt(ss / n)).isCloseTo(0.1, within(0.003));
  }

  @Test
  void storedObservationsHaveLogResidualsOfSdPointOneAroundTheOde() {
    double s = 0;
    double ss = 0;
    int n = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      float[] t = ref.trueParameters();
      double[][] states = LotkaVolterra.solve(new double[] {t[0], t[1], t[2], t[3]}, LotkaVolterra.observedTimes());
      float[] y = ref.observation();
      for (int k = 0; k < 10; k++) {
        for (int c = 0; c < 2; c++) {
          double expected = Math.min(1e4, Math.max(1e-10, states[k][c]));
          double r = Math.log(y[c * 10 + k] / expected);
          s += r;
          ss += r * r;
          n++;
        }
      }
    }
    double mean = s / n;
    // the spec measured mean -0.005 and sd 0.105 over these 200 residuals
    assertThat(mean).isCloseTo(0, within(0.03));
    assertThat(Math.sqrt(ss / n - mean * mean)).isBetween(0.085, 0.125);
  }
}
