package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.problems.testing.ColumnMoments;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SlcpTest {

  private final Slcp task = new Slcp();

  @Test
  void priorIsUniformOnMinusThreeToThree() {
    Matrix x = task.prior().orElseThrow().sample(20_000, 2);
    for (int j = 0; j < 5; j++) {
      ColumnMoments m = ColumnMoments.of(x, j);
      assertThat(m.mean()).isCloseTo(0, within(0.05));
      assertThat(Math.sqrt(m.variance())).isCloseTo(Math.sqrt(3), within(0.03));
    }
  }

  @Test
  void pointsHaveMeanThetaSdThetaSquaredAndCorrelationTanh() {
    double[] theta = {0.7, -1.2, 1.1, -0.8, 0.9};
    SplittableRandom rng = new SplittableRandom(5);
    double[] y = new double[8];
    int n = 20_000;
    double s1 = 0;
    double s2 = 0;
    double s11 = 0;
    double s22 = 0;
    double s12 = 0;
    for (int i = 0; i < n; i++) {
      task.simulate(theta, rng, y);
      for (int k = 0; k < 4; k++) {
        double a = y[2 * k];
        double b = y[2 * k + 1];
        s1 += a;
        s2 += b;
        s11 += a * a;
        s22 += b * b;
        s12 += a * b;
      }
    }
    int m = 4 * n;
    double mean1 = s1 / m;
    double mean2 = s2 / m;
    double sd1 = Math.sqrt(s11 / m - mean1 * mean1);
    double sd2 = Math.sqrt(s22 / m - mean2 * mean2);
    double corr = (s12 / m - mean1 * mean2) / (sd1 * sd2);
    assertThat(mean1).isCloseTo(0.7, within(0.02));
    assertThat(mean2).isCloseTo(-1.2, within(0.01));
    assertThat(sd1).isCloseTo(1.21, within(0.015));
    assertThat(sd2).isCloseTo(0.64, within(0.008));
    assertThat(corr).isCloseTo(Math.tanh(0.9), within(0.01));
  }

  @Test
  void logLikelihoodIsTheProductOfFourBivariateNormals() {
    double[] theta = {0.5, -0.3, 1.2, 0.9, -0.4};
    double[] y = {0.1, 0.2, 1.5, -0.4, 0.6, -1.0, -0.9, 0.3};
    // hand formula: Sigma from theta, explicit inverse and determinant of a 2 x 2 matrix
    double s1 = 1.44;
    double s2 = 0.81;
    double rho = Math.tanh(-0.4);
    double a = s1 * s1 + 1e-6;
    double c = s2 * s2 + 1e-6;
    double b = rho * s1 * s2;
    double det = a * c - b * b;
    double expected = 0;
    for (int k = 0; k < 4; k++) {
      double u = y[2 * k] - 0.5;
      double v = y[2 * k + 1] + 0.3;
      double q = (c * u * u - 2 * b * u * v + a * v * v) / det;
      expected += -0.5 * q - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
    }
    assertThat(Slcp.logLikelihood(theta, y)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void storedObservationResidualsOverThetaSquaredHaveUnitSd() {
    double ss = 0;
    int n = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      float[] t = ref.trueParameters();
      float[] y = ref.observation();
      for (int k = 0; k < 4; k++) {
        double r1 = (y[2 * k] - t[0]) / (t[2] * t[2]);
        double r2 = (y[2 * k + 1] - t[1]) / (t[3] * t[3]);
        ss += r1 * r1 + r2 * r2;
        n += 2;
      }
    }
    // the spec measured 1.03; dividing by |theta| instead would give about 2.2
    assertThat(Math.sqrt(ss / n)).isBetween(0.8, 1.25);
  }

  /**
   * Under the likelihood and the flat prior, theta1 given (theta2..5, y) is the normal
   * conditional of N(mean of the four points, Sigma / 4) truncated to [-3, 3]; likewise theta2
   * given the rest. Its distribution function evaluated at the reference draws (a probability
   * integral transform) must therefore be uniform on (0, 1) if the reference agrees with this
   * likelihood.
   */
  @Test
  void referencePosteriorMatchesTheLikelihoodsConditionals() {
    NormalDistribution standard = new NormalDistribution(0, 1);
    int bins = 10;
    long[] histogram = new long[bins];
    double sum = 0;
    double sumSquares = 0;
    int used = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      float[] y = ref.observation();
      double[] bar = {(y[0] + y[2] + y[4] + y[6]) / 4.0, (y[1] + y[3] + y[5] + y[7]) / 4.0};
      Matrix posterior = ref.posterior().get();
      double[] theta = new double[5];
      for (int i = 0; i < posterior.rows(); i++) {
        for (int j = 0; j < 5; j++) {
          theta[j] = posterior.get(i, j);
        }
        double[] l = Slcp.choleskyOfCovariance(theta);
        double[][] cov = {{l[0] * l[0], l[0] * l[1]}, {l[0] * l[1], l[1] * l[1] + l[2] * l[2]}};
        for (int c = 0; c < 2; c++) {
          int o = 1 - c;
          double mean = bar[c] + cov[c][o] / cov[o][o] * (theta[o] - bar[o]);
          double sd = Math.sqrt((cov[c][c] - cov[c][o] * cov[c][o] / cov[o][o]) / 4);
          double lo = standard.cumulativeProbability((-3 - mean) / sd);
          double hi = standard.cumulativeProbability((3 - mean) / sd);
          if (hi - lo < 1e-9) {
            continue; // numerically degenerate conditional, too rare to matter
          }
          double u = (standard.cumulativeProbability((theta[c] - mean) / sd) - lo) / (hi - lo);
          histogram[Math.min(bins - 1, (int) (u * bins))]++;
          sum += u;
          sumSquares += u * u;
          used++;
        }
      }
    }
    assertThat(used).isGreaterThan(190_000);
    double mean = sum / used;
    assertThat(mean).isCloseTo(0.5, within(0.005));
    assertThat(sumSquares / used - mean * mean).isCloseTo(1.0 / 12, within(0.002));
    for (long count : histogram) {
      // binomial sd of a bin share is about 0.0007 here
      assertThat((double) count / used).isCloseTo(0.1, within(0.005));
    }
  }
}
