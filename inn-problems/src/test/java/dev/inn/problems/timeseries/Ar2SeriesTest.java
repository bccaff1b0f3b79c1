package dev.inn.problems.timeseries;

import dev.inn.problems.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.mcmc.RandomWalkMetropolis;
import dev.inn.problems.testing.ColumnMoments;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ar2SeriesTest {

  private static final RandomWalkMetropolis.Options MCMC = RandomWalkMetropolis.Options.defaults();
  private final Ar2Series raw = new Ar2Series(Ar2Series.Form.RAW, 100, 200, 0, TestData.SIMULATOR, MCMC);

  /**
   * The MCMC reference posterior against quadrature on a grid: sigma enters the likelihood only
   * through sigma^2 times a quadratic form Q(r1, r2), so a 240 x 240 grid of (r1, r2) with a
   * 240-point log sigma grid inside each cell gives the posterior moments to well below the
   * Monte Carlo error of the chains.
   */
  @Test
  void mcmcPosteriorAgreesWithQuadratureAndConverges() {
    Dataset test = new Ar2Series(Ar2Series.Form.RAW, 100, 200, 150, TestData.SIMULATOR, MCMC).testSet(2, 3);
    for (int i = 0; i < test.size(); i++) {
      float[] series = Arrays.copyOf(test.y().row(i), test.lengths()[i]);
      double[] moments = quadratureMoments(series);
      RandomWalkMetropolis.Result r = raw.posterior(series, 10_000, 5);
      assertThat(r.maxRHat()).as("series %d R-hat %s", i, Arrays.toString(r.rHat())).isLessThan(1.01);
      assertThat(r.acceptance()).isBetween(0.15, 0.5);
      for (int p = 0; p < 3; p++) {
        ColumnMoments m = ColumnMoments.of(r.samples(), p);
        double sd = Math.sqrt(moments[2 * p + 1]);
        // 10 000 thinned draws of 4 chains: the mean's error is at most about sd / 50
        assertThat(m.mean()).as("series %d parameter %d mean", i, p).isCloseTo(moments[2 * p], within(sd / 10));
        assertThat(Math.sqrt(m.variance())).as("series %d parameter %d sd", i, p).isCloseTo(sd, within(sd / 10));
      }
    }
  }

  private static double[] quadratureMoments(float[] y) {
    int grid = 240;
    int t = y.length;
    double b = Ar2Series.PACF_BOUND;
    double lsB = Ar2Series.LOG_SIGMA_BOUND;
    double[][] quadratic = new double[grid][grid];
    double[][] constant = new double[grid][grid];
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < grid; a++) {
      double r1 = -b + 2 * b * (a + 0.5) / grid;
      for (int c = 0; c < grid; c++) {
        double r2 = -b + 2 * b * (c + 0.5) / grid;
        // written from the Yule-Walker equations in phi, independent of Ar2Likelihood
        double phi1 = r1 * (1 - r2);
        double phi2 = r2;
        double c0 = (1 - phi2) / ((1 + phi2) * ((1 - phi2) * (1 - phi2) - phi1 * phi1));
        double rho1 = phi1 / (1 - phi2);
        double c1 = c0 * (1 - rho1 * rho1);
        double e1 = y[1] - rho1 * y[0];
        double q = y[0] * (double) y[0] / c0 + e1 * e1 / c1;
        for (int s = 2; s < t; s++) {
          double e = y[s] - phi1 * y[s - 1] - phi2 * y[s - 2];
          q += e * e;
        }
        quadratic[a][c] = q;
        constant[a][c] = -0.5 * Math.log(c0) - 0.5 * Math.log(c1);
        for (int k = 0; k < grid; k++) {
          double logSigma = -lsB + 2 * lsB * (k + 0.5) / grid;
          max = Math.max(max, constant[a][c] - t * logSigma - q / (2 * Math.exp(2 * logSigma)));
        }
      }
    }
    double z = 0;
    double[] first = new double[3];
    double[] second = new double[3];
    double[] v = new double[3];
    for (int a = 0; a < grid; a++) {
      v[0] = -b + 2 * b * (a + 0.5) / grid;
      for (int c = 0; c < grid; c++) {
        v[1] = -b + 2 * b * (c + 0.5) / grid;
        for (int k = 0; k < grid; k++) {
          v[2] = -lsB + 2 * lsB * (k + 0.5) / grid;
          double lp = constant[a][c] - t * v[2] - quadratic[a][c] / (2 * Math.exp(2 * v[2]));
          double w = Math.exp(lp - max);
          z += w;
          for (int p = 0; p < 3; p++) {
            first[p] += w * v[p];
            second[p] += w * v[p] * v[p];
          }
        }
      }
    }
    double[] out = new double[6];
    for (int p = 0; p < 3; p++) {
      out[2 * p] = first[p] / z;
      out[2 * p + 1] = second[p] / z - out[2 * p] * out[2 * p];
    }
    return out;
  }

  @Test
  void simulatedSeriesAreStationaryWithTheYuleWalkerVariance() {
    double r1 = 0.6;
    double r2 = -0.4;
    double sigma = 1.3;
    double phi1 = r1 * (1 - r2);
    double phi2 = r2;
    double gamma0 = sigma * sigma * (1 - phi2) / ((1 + phi2) * ((1 - phi2) * (1 - phi2) - phi1 * phi1));
    SplittableRandom rng = new SplittableRandom(1);
    int runs = 20_000;
    double[] y = new double[60];
    double first = 0;
    double last = 0;
    double lag1 = 0;
    for (int i = 0; i < runs; i++) {
      Ar2Likelihood.simulate(r1, r2, sigma, rng::nextGaussian, y, y.length);
      first += y[0] * y[0] / runs;
      last += y[59] * y[59] / runs;
      lag1 += y[58] * y[59] / runs;
    }
    // variance of a sample variance of 20 000 normals: about 1 % relative
    assertThat(first / gamma0).isCloseTo(1, within(0.04));
    assertThat(last / gamma0).isCloseTo(1, within(0.04));
    assertThat(lag1 / gamma0).isCloseTo(phi1 / (1 - phi2), within(0.04));
  }

  @Test
  void seriesAreRaggedPaddedAndReproducible() {
    Dataset data = raw.sample(2000, 4);
    assertThat(raw.observationShape()).isEqualTo(new ObservationShape.Sequence(1));
    assertThat(data.y().cols()).isEqualTo(200);
    assertThat(Arrays.stream(data.lengths()).min().orElseThrow()).isEqualTo(100);
    assertThat(Arrays.stream(data.lengths()).max().orElseThrow()).isEqualTo(200);
    for (int i = 0; i < data.size(); i++) {
      float[] row = data.y().row(i);
      for (int j = data.lengths()[i]; j < row.length; j++) {
        assertThat(row[j]).as("row %d padding %d", i, j).isZero();
      }
      assertThat(row[data.lengths()[i] - 1]).isNotZero();
    }
    assertThat(raw.sample(2000, 4)).isEqualTo(data);
    assertThat(raw.prior().orElseThrow().sample(2000, 4)).isEqualTo(data.x());
    float[] series = Arrays.copyOf(data.y().row(0), data.lengths()[0]);
    Matrix a = raw.exactPosterior().orElseThrow().sample(series, 200, 8);
    assertThat(raw.exactPosterior().orElseThrow().sample(series, 200, 8)).isEqualTo(a);
  }

  @Test
  void summariesFormDescribesTheSameSimulations() {
    Ar2Series summaries = new Ar2Series(Ar2Series.Form.SUMMARIES, 100, 200, 0, TestData.SIMULATOR, MCMC);
    Dataset s = summaries.sample(50, 9);
    Dataset r = raw.sample(50, 9);
    assertThat(summaries.observationShape()).isEqualTo(new ObservationShape.Vector(5));
    assertThat(s.ragged()).isFalse();
    assertThat(s.x()).isEqualTo(r.x());
    for (int i = 0; i < 50; i++) {
      int length = r.lengths()[i];
      double[] y = new double[length];
      for (int t = 0; t < length; t++) {
        y[t] = r.y().get(i, t);
      }
      double mean = Arrays.stream(y).average().orElseThrow();
      double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / length;
      assertThat(s.y().get(i, 0)).isCloseTo((float) mean, within(1e-4f));
      assertThat(s.y().get(i, 1)).isCloseTo((float) var, within((float) (1e-4 * var)));
      assertThat(s.y().get(i, 2)).isBetween(-1f, 1f);
    }
    // the reference posterior of a test observation is the one of the series behind it
    Dataset test = summaries.testSet(2, 1);
    Dataset rawTest = raw.testSet(2, 1);
    float[] series = Arrays.copyOf(rawTest.y().row(1), rawTest.lengths()[1]);
    assertThat(summaries.exactPosterior().orElseThrow().sample(test.y().row(1), 100, 2))
        .isEqualTo(raw.exactPosterior().orElseThrow().sample(series, 100, 2));
    assertThatThrownBy(() -> summaries.exactPosterior().orElseThrow().sample(new float[] {0, 1, 0, 0, 0}, 10, 1))
        .hasMessageContaining("test set");
  }

  @Test
  void misspecifiedTestDataAndBadInputAreDocumentedAndRefused() {
    Ar2Series shifted = new Ar2Series(Ar2Series.Form.RAW, 100, 200, 120, TestData.SHIFTED, MCMC);
    assertThat(shifted.sample(20, 1)).isEqualTo(raw.sample(20, 1));
    Dataset test = shifted.testSet(400, 1);
    assertThat(test.lengths()).containsOnly(120);
    double level = 0;
    for (int i = 0; i < test.size(); i++) {
      double sd0 = Math.sqrt(Ar2Likelihood.stationaryVariance(test.x().get(i, 0), test.x().get(i, 1),
          Math.exp(test.x().get(i, 2))));
      for (int t = 0; t < 120; t++) {
        level += test.y().get(i, t) / sd0 / (120.0 * test.size());
      }
    }
    assertThat(level).isCloseTo(Ar2Series.SHIFT, within(0.1));
    assertThatThrownBy(() -> raw.exactPosterior().orElseThrow().sample(new float[] {1, 2, Float.NaN, 3}, 10, 1))
        .hasMessageContaining("step 2");
    assertThatThrownBy(() -> created(new Ar2Provider(), Map.of("min_length", 2)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("min_length");
    assertThatThrownBy(() -> created(new Ar2SummariesProvider(), Map.of("test_data", "x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("contaminated");
  }

  /** The provider's problem for these settings, merged and checked as a suite would. */
  private static Problem created(ProblemProvider provider, Map<String, ?> settings) {
    return provider.create(provider.settings(settings));
  }
}
