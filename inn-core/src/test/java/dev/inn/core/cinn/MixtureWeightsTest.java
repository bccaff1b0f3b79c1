package dev.inn.core.cinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mixture weights maximise the held-out likelihood. */
class MixtureWeightsTest {

  private static double logNormal(double x, double mean) {
    return -0.5 * (x - mean) * (x - mean) - 0.5 * Math.log(2 * Math.PI);
  }

  @Test
  void recoversTheWeightsThatGeneratedTheRows() {
    // rows from 0.3 N(-1, 1) + 0.7 N(1.5, 1); components N(-1, 1), N(1.5, 1) and a useless N(8, 1)
    SplittableRandom random = new SplittableRandom(4);
    int n = 40_000;
    double[][] logDensity = new double[3][n];
    for (int i = 0; i < n; i++) {
      double x = (random.nextDouble() < 0.3 ? -1 : 1.5) + random.nextGaussian();
      logDensity[0][i] = logNormal(x, -1);
      logDensity[1][i] = logNormal(x, 1.5);
      logDensity[2][i] = logNormal(x, 8);
    }
    double[] w = MixtureWeights.fit(logDensity);
    assertThat(w[0] + w[1] + w[2]).isCloseTo(1, offset(1e-12));
    assertThat(w[0]).isCloseTo(0.3, offset(0.015));
    assertThat(w[1]).isCloseTo(0.7, offset(0.015));
    assertThat(w[2]).isLessThan(1e-3);
    // no other weighting explains the rows better: small moves along the simplex lower the likelihood
    double best = logLikelihood(logDensity, w);
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        if (a != b && w[a] > 0.01) {
          double[] moved = w.clone();
          moved[a] -= 0.01;
          moved[b] += 0.01;
          assertThat(logLikelihood(logDensity, moved)).isLessThan(best);
        }
      }
    }
  }

  @Test
  void oneComponentGetsAllTheWeight() {
    assertThat(MixtureWeights.fit(new double[][] {{-1, -2, -0.5}})).containsExactly(1.0);
  }

  private static double logLikelihood(double[][] logDensity, double[] w) {
    double sum = 0;
    for (int i = 0; i < logDensity[0].length; i++) {
      double p = 0;
      for (int k = 0; k < w.length; k++) {
        p += w[k] * Math.exp(logDensity[k][i]);
      }
      sum += Math.log(p);
    }
    return sum;
  }
}
