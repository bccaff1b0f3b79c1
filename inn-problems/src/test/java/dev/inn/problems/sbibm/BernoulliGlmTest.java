package dev.inn.problems.sbibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.problems.testing.ColumnMoments;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class BernoulliGlmTest {

  private static final double[] PRIOR_SD = {1.414, 1.000, 1.677, 1.830, 1.552, 1.216, 1.100, 1.069, 0.981, 0.880};
  private final BernoulliGlm task = new BernoulliGlm();

  @Test
  void designMatrixIsTheLaggedStimulus() {
    List<double[]> stimulus = SbibmData.table("bernoulli_glm/stimulus.csv");
    double[][] x = BernoulliGlm.designMatrix();
    assertThat(x).hasNumberOfRows(100);
    for (int t = 0; t < 100; t++) {
      assertThat(x[t][0]).isEqualTo(1);
      for (int j = 0; j < 9; j++) {
        assertThat(x[t][1 + j]).isEqualTo(t >= j ? stimulus.get(t - j)[1] : 0);
      }
    }
  }

  @Test
  void priorHasTheSpecsStandardDeviations() {
    double[][] cov = BernoulliGlm.priorCovariance();
    for (int j = 0; j < 10; j++) {
      assertThat(Math.sqrt(cov[j][j])).isCloseTo(PRIOR_SD[j], within(6e-4));
    }
    // the offset is independent of the filter
    for (int j = 1; j < 10; j++) {
      assertThat(cov[0][j]).isZero();
    }
    Matrix draws = task.prior().orElseThrow().sample(20_000, 4);
    for (int j = 0; j < 10; j++) {
      ColumnMoments m = ColumnMoments.of(draws, j);
      assertThat(m.mean()).isCloseTo(0, within(0.04 * PRIOR_SD[j]));
      assertThat(Math.sqrt(m.variance())).isCloseTo(PRIOR_SD[j], within(0.02 * PRIOR_SD[j]));
    }
  }

  @Test
  void summariesAreDesignMatrixTimesSpikes() {
    double[][] x = BernoulliGlm.designMatrix();
    double[] y = new double[10];
    SplittableRandom rng = new SplittableRandom(1);
    // a huge offset makes every bin spike: y is the column sums of X
    task.simulate(new double[] {60, 0, 0, 0, 0, 0, 0, 0, 0, 0}, rng, y);
    for (int j = 0; j < 10; j++) {
      double sum = 0;
      for (double[] row : x) {
        sum += row[j];
      }
      assertThat(y[j]).isCloseTo(sum, within(1e-9));
    }
    task.simulate(new double[] {-60, 0, 0, 0, 0, 0, 0, 0, 0, 0}, rng, y);
    assertThat(y).containsOnly(0);
    // theta = 0: each bin spikes with probability 1/2
    double count = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      task.simulate(new double[10], rng, y);
      count += y[0];
    }
    assertThat(count / n).isCloseTo(50, within(0.2));
  }

  @Test
  void storedObservationsAreTypicalForTheSimulatorAtTheTrueParameters() {
    SplittableRandom rng = new SplittableRandom(2);
    double[] y = new double[10];
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (ReferenceObservation ref : task.referenceObservations()) {
      double[] theta = toDouble(ref.trueParameters());
      double[] s = new double[10];
      double[] ss = new double[10];
      int sims = 1000;
      for (int i = 0; i < sims; i++) {
        task.simulate(theta, rng, y);
        for (int j = 0; j < 10; j++) {
          s[j] += y[j];
          ss[j] += y[j] * y[j];
        }
      }
      float[] obs = ref.observation();
      assertThat(obs[0]).isEqualTo(Math.round(obs[0]));
      for (int j = 0; j < 10; j++) {
        double mean = s[j] / sims;
        double z = (obs[j] - mean) / Math.sqrt(ss[j] / sims - mean * mean);
        sum += z;
        sumSquares += z * z;
        n++;
      }
    }
    // 100 z-scores (correlated within an observation): centred, of unit scale
    assertThat(sum / n).isCloseTo(0, within(0.35));
    assertThat(Math.sqrt(sumSquares / n)).isBetween(0.7, 1.35);
  }

  /**
   * Self-normalised importance sampling of the posterior mean and sd from our own likelihood,
   * with a widened Laplace approximation as proposal, against the Polya-Gamma reference.
   */
  @Test
  void referencePosteriorMomentsMatchImportanceSamplingWithOurLikelihood() {
    double[][] precision = BernoulliGlm.priorPrecision();
    double[][] x = BernoulliGlm.designMatrix();
    List<ReferenceObservation> refs = task.referenceObservations();
    SplittableRandom rng = new SplittableRandom(3);
    for (ReferenceObservation ref : refs.subList(0, 5)) {
      double[] y = toDouble(ref.observation());
      // Newton's method for the posterior mode
      double[] mode = new double[10];
      RealMatrix hessian = null;
      for (int iter = 0; iter < 30; iter++) {
        double[] gradient = y.clone();
        double[][] h = new double[10][10];
        for (double[] row : x) {
          double psi = 0;
          for (int j = 0; j < 10; j++) {
            psi += row[j] * mode[j];
          }
          double p = 1 / (1 + Math.exp(-psi));
          for (int j = 0; j < 10; j++) {
            gradient[j] -= p * row[j];
            for (int k = 0; k < 10; k++) {
              h[j][k] += p * (1 - p) * row[j] * row[k];
            }
          }
        }
        for (int j = 0; j < 10; j++) {
          for (int k = 0; k < 10; k++) {
            gradient[j] -= precision[j][k] * mode[k];
            h[j][k] += precision[j][k];
          }
        }
        for (int j = 0; j < 10; j++) {
          for (int k = 0; k < j; k++) {
            h[k][j] = h[j][k]; // exact symmetry for the Cholesky factorisation
          }
        }
        hessian = MatrixUtils.createRealMatrix(h);
        double[] stepDir = new CholeskyDecomposition(hessian).getSolver().solve(MatrixUtils.createRealVector(gradient))
            .toArray();
        for (int j = 0; j < 10; j++) {
          mode[j] += stepDir[j];
        }
      }
      double widen = 1.3; // proposal sd factor, so the proposal covers the posterior's tails
      RealMatrix proposalCov = new CholeskyDecomposition(hessian).getSolver().getInverse()
          .scalarMultiply(widen * widen);
      proposalCov = proposalCov.add(proposalCov.transpose()).scalarMultiply(0.5);
      double[][] l = new CholeskyDecomposition(proposalCov).getL().getData();
      RealMatrix proposalPrecision = hessian.scalarMultiply(1 / (widen * widen));
      int draws = 20_000;
      double[][] thetas = new double[draws][10];
      double[] logWeights = new double[draws];
      double maxLog = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < draws; i++) {
        double[] e = new double[10];
        for (int j = 0; j < 10; j++) {
          e[j] = rng.nextGaussian();
        }
        double[] d = new double[10];
        for (int j = 0; j < 10; j++) {
          for (int k = 0; k <= j; k++) {
            d[j] += l[j][k] * e[k];
          }
          thetas[i][j] = mode[j] + d[j];
        }
        double logPrior = -0.5 * quadratic(precision, thetas[i]);
        double logProposal = -0.5 * quadratic(proposalPrecision.getData(), d);
        logWeights[i] = BernoulliGlm.logLikelihood(thetas[i], y) + logPrior - logProposal;
        maxLog = Math.max(maxLog, logWeights[i]);
      }
      double[] mean = new double[10];
      double[] second = new double[10];
      double total = 0;
      double totalSquares = 0;
      for (int i = 0; i < draws; i++) {
        double w = Math.exp(logWeights[i] - maxLog);
        total += w;
        totalSquares += w * w;
        for (int j = 0; j < 10; j++) {
          mean[j] += w * thetas[i][j];
          second[j] += w * thetas[i][j] * thetas[i][j];
        }
      }
      assertThat(total * total / totalSquares).as("effective sample size").isGreaterThan(5000);
      Matrix reference = ref.posterior().get();
      for (int j = 0; j < 10; j++) {
        mean[j] /= total;
        double sd = Math.sqrt(second[j] / total - mean[j] * mean[j]);
        ColumnMoments m = ColumnMoments.of(reference, j);
        double refSd = Math.sqrt(m.variance());
        assertThat(m.mean()).as("observation %s %s mean", ref.id(), task.parameterNames().get(j))
            .isCloseTo(mean[j], within(0.06 * refSd));
        assertThat(refSd).as("observation %s %s sd", ref.id(), task.parameterNames().get(j))
            .isCloseTo(sd, within(0.06 * refSd));
      }
    }
  }

  private static double quadratic(double[][] a, double[] v) {
    double q = 0;
    for (int j = 0; j < v.length; j++) {
      for (int k = 0; k < v.length; k++) {
        q += v[j] * a[j][k] * v[k];
      }
    }
    return q;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
