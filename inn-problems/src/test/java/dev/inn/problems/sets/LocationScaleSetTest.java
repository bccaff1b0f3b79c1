package dev.inn.problems.sets;

import dev.inn.problems.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.testing.ColumnMoments;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocationScaleSetTest {

  private final LocationScaleSet problem = new LocationScaleSet(5, 100, 0, TestData.SIMULATOR);

  /**
   * The closed-form posterior against quadrature of prior times likelihood on a grid, written
   * out here from the model's definition (not from NormalInverseGamma), at n = 5, 20 and 100.
   */
  @Test
  void exactPosteriorAgreesWithQuadratureAtEverySetSize() {
    for (int size : new int[] {5, 20, 100}) {
      Dataset test = new LocationScaleSet(5, 100, size, TestData.SIMULATOR).testSet(2, 7);
      for (int i = 0; i < test.size(); i++) {
        float[] set = Arrays.copyOf(test.y().row(i), test.lengths()[i]);
        double[] moments = quadratureMoments(set);
        Matrix draws = problem.exactPosterior().orElseThrow().sample(set, 40_000, 11);
        for (int p = 0; p < 2; p++) {
          ColumnMoments m = ColumnMoments.of(draws, p);
          double sd = Math.sqrt(moments[2 * p + 1]);
          // Monte Carlo standard error of the mean is sd / 200; of the sd about sd / 280
          assertThat(m.mean()).as("n=%d set %d parameter %d mean", size, i, p).isCloseTo(moments[2 * p], within(sd / 40));
          assertThat(Math.sqrt(m.variance())).as("n=%d set %d parameter %d sd", size, i, p)
              .isCloseTo(sd, within(sd / 40));
        }
      }
    }
  }

  /** Posterior mean and variance of mu and log sigma by a 400 x 400 grid around the data. */
  private static double[] quadratureMoments(float[] set) {
    double mean = 0;
    for (float v : set) {
      mean += v / (double) set.length;
    }
    double ss = 0;
    for (float v : set) {
      ss += (v - mean) * (v - mean);
    }
    double s = Math.sqrt(ss / set.length);
    int grid = 400;
    double muLo = mean - 12 * s - 3;
    double muHi = mean + 12 * s + 3;
    double lsLo = Math.log(s) - 4;
    double lsHi = Math.log(s) + 3;
    double[][] logp = new double[grid][grid];
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < grid; a++) {
      double mu = muLo + (muHi - muLo) * (a + 0.5) / grid;
      for (int b = 0; b < grid; b++) {
        double logSigma = lsLo + (lsHi - lsLo) * (b + 0.5) / grid;
        double var = Math.exp(2 * logSigma);
        // prior: mu | sigma^2 ~ N(0, 4 sigma^2); sigma^2 ~ InvGamma(3, 2); d sigma^2 / d log sigma = 2 sigma^2
        double lp = -0.5 * Math.log(4 * var) - mu * mu / (8 * var) - 4 * Math.log(var) - 2 / var + Math.log(var);
        for (float v : set) {
          lp += -0.5 * Math.log(var) - (v - mu) * (v - mu) / (2 * var);
        }
        logp[a][b] = lp;
        max = Math.max(max, lp);
      }
    }
    double z = 0;
    double[] first = new double[2];
    double[] second = new double[2];
    for (int a = 0; a < grid; a++) {
      double mu = muLo + (muHi - muLo) * (a + 0.5) / grid;
      for (int b = 0; b < grid; b++) {
        double logSigma = lsLo + (lsHi - lsLo) * (b + 0.5) / grid;
        double w = Math.exp(logp[a][b] - max);
        z += w;
        first[0] += w * mu;
        second[0] += w * mu * mu;
        first[1] += w * logSigma;
        second[1] += w * logSigma * logSigma;
      }
    }
    double[] out = new double[4];
    for (int p = 0; p < 2; p++) {
      out[2 * p] = first[p] / z;
      out[2 * p + 1] = second[p] / z - out[2 * p] * out[2 * p];
    }
    return out;
  }

  @Test
  void setsAreRaggedAndPaddedWithZerosAfterTheirSize() {
    Dataset data = problem.sample(3000, 3);
    assertThat(problem.observationShape()).isEqualTo(new ObservationShape.Set(1));
    assertThat(data.ragged()).isTrue();
    assertThat(data.y().cols()).isEqualTo(100);
    int[] lengths = data.lengths();
    assertThat(Arrays.stream(lengths).min().orElseThrow()).isEqualTo(5);
    assertThat(Arrays.stream(lengths).max().orElseThrow()).isEqualTo(100);
    for (int i = 0; i < data.size(); i++) {
      float[] row = data.y().row(i);
      for (int j = 0; j < row.length; j++) {
        if (j < lengths[i]) {
          assertThat(row[j]).as("row %d element %d", i, j).isNotZero();
        } else {
          assertThat(row[j]).as("row %d padding %d", i, j).isZero();
        }
      }
    }
  }

  @Test
  void setValuesFollowTheirParameters() {
    Dataset data = problem.sample(4000, 5);
    double zSum = 0;
    double zSquares = 0;
    long count = 0;
    for (int i = 0; i < data.size(); i++) {
      double mu = data.x().get(i, 0);
      double sigma = Math.exp(data.x().get(i, 1));
      for (int j = 0; j < data.lengths()[i]; j++) {
        double z = (data.y().get(i, j) - mu) / sigma;
        zSum += z;
        zSquares += z * z;
        count++;
      }
    }
    assertThat(zSum / count).isCloseTo(0, within(0.01));
    assertThat(zSquares / count).isCloseTo(1, within(0.02));
    // prior: sigma^2 ~ InvGamma(3, 2) has mean 1
    double meanVariance = 0;
    for (int i = 0; i < data.size(); i++) {
      meanVariance += Math.exp(2 * data.x().get(i, 1)) / data.size();
    }
    assertThat(meanVariance).isCloseTo(1, within(0.08));
  }

  @Test
  void samplingIsReproducibleForASeedAndThePriorMatchesItsParameters() {
    Dataset a = problem.sample(200, 42);
    assertThat(problem.sample(200, 42)).isEqualTo(a);
    assertThat(problem.sample(200, 43)).isNotEqualTo(a);
    assertThat(problem.prior().orElseThrow().sample(200, 42)).isEqualTo(a.x());
    Matrix draws = problem.exactPosterior().orElseThrow().sample(new float[] {1, 2, 3}, 50, 9);
    assertThat(problem.exactPosterior().orElseThrow().sample(new float[] {1, 2, 3}, 50, 9)).isEqualTo(draws);
  }

  @Test
  void testSettingsChangeTestObservationsButNotTraining() {
    LocationScaleSet shifted = new LocationScaleSet(5, 100, 20, TestData.SHIFTED);
    assertThat(shifted.sample(100, 1)).isEqualTo(problem.sample(100, 1));
    Dataset test = shifted.testSet(500, 1);
    assertThat(test.lengths()).containsOnly(20);
    double shift = 0;
    for (int i = 0; i < test.size(); i++) {
      double sigma = Math.exp(test.x().get(i, 1));
      for (int j = 0; j < 20; j++) {
        shift += (test.y().get(i, j) - test.x().get(i, 0)) / sigma / (20.0 * test.size());
      }
    }
    assertThat(shift).isCloseTo(LocationScaleSet.SHIFT, within(0.1));
    Dataset contaminated = new LocationScaleSet(5, 100, 100, TestData.CONTAMINATED).testSet(200, 1);
    double squares = 0;
    for (int i = 0; i < contaminated.size(); i++) {
      double sigma = Math.exp(contaminated.x().get(i, 1));
      for (int j = 0; j < 100; j++) {
        double z = (contaminated.y().get(i, j) - contaminated.x().get(i, 0)) / sigma;
        squares += z * z / (100.0 * contaminated.size());
      }
    }
    // 0.8 * 1 + 0.2 * 25
    assertThat(squares).isCloseTo(5.8, within(0.4));
  }

  @Test
  void badObservationsAndSettingsAreRefusedByName() {
    assertThatThrownBy(() -> problem.exactPosterior().orElseThrow().sample(new float[0], 10, 1))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> problem.exactPosterior().orElseThrow().sample(new float[] {1, Float.NaN}, 10, 1))
        .hasMessageContaining("element 1");
    LocationScaleSetProvider provider = new LocationScaleSetProvider();
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("min_size", 10, "max_size", 5))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("max_size");
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("test_data", "wrong"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("shifted");
    assertThat(provider.create(provider.settings(Map.of("evaluate_size", 100))).testSet(3, 1).lengths())
        .containsOnly(100);
  }
}
