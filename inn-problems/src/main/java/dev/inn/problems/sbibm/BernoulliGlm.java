package dev.inn.problems.sbibm;

import dev.inn.api.problem.Support;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * sbibm's {@code bernoulli_glm} (spec section 2): a logistic-regression neuron. theta =
 * (offset, filter weights at lags 0..8) has a Gaussian prior with mean 0 and the shipped
 * precision matrix; the neuron spikes at t = 0..99 with probability sigmoid((X theta)_t) for
 * the shipped design matrix X, and y = X^T s (spike count, then stimulus summed before spikes
 * at each lag), which is sufficient for theta.
 */
public final class BernoulliGlm extends SbibmTask {

  /** The registered name. */
  public static final String NAME = "bernoulli-glm";
  /** Parameters: offset and nine filter weights. */
  public static final int DIM = 10;
  /** Time bins of the stimulus. */
  public static final int BINS = 100;

  /** Fixed inputs, read once from the class path. */
  private static final class Inputs {
    static final double[][] DESIGN = SbibmData.doubles("bernoulli_glm/design_matrix.csv");
    static final double[][] PRECISION = SbibmData.doubles("bernoulli_glm/prior_precision.csv");
    static final double[][] COVARIANCE;
    static final double[][] COVARIANCE_CHOLESKY;

    static {
      // invert the precision through its Cholesky factor, then factor the covariance for sampling
      RealMatrix precision = MatrixUtils.createRealMatrix(PRECISION);
      RealMatrix covariance = new CholeskyDecomposition(precision).getSolver().getInverse();
      covariance = covariance.add(covariance.transpose()).scalarMultiply(0.5); // exact symmetry
      COVARIANCE = covariance.getData();
      COVARIANCE_CHOLESKY = new CholeskyDecomposition(covariance).getL().getData();
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sbibmName() {
    return "bernoulli_glm";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("offset", "lag0", "lag1", "lag2", "lag3", "lag4", "lag5", "lag6", "lag7", "lag8");
  }

  @Override
  public List<String> observationNames() {
    return List.of("spike_count", "stimulus_sum_lag0", "stimulus_sum_lag1", "stimulus_sum_lag2",
        "stimulus_sum_lag3", "stimulus_sum_lag4", "stimulus_sum_lag5", "stimulus_sum_lag6",
        "stimulus_sum_lag7", "stimulus_sum_lag8");
  }

  /** The Gaussian prior covers all of R^10. */
  @Override
  public Optional<Support> support() {
    double[] lower = new double[DIM];
    double[] upper = new double[DIM];
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    Arrays.fill(upper, Double.POSITIVE_INFINITY);
    return Optional.of(new Support(lower, upper));
  }

  /** The 100 x 10 design matrix X (a copy). */
  public static double[][] designMatrix() {
    return deepCopy(Inputs.DESIGN);
  }

  /** The prior precision matrix Lambda (a copy). */
  public static double[][] priorPrecision() {
    return deepCopy(Inputs.PRECISION);
  }

  /** The prior covariance Lambda^-1 (a copy). */
  public static double[][] priorCovariance() {
    return deepCopy(Inputs.COVARIANCE);
  }

  @Override
  protected void drawPrior(SplittableRandom rng, double[] theta) {
    double[][] l = Inputs.COVARIANCE_CHOLESKY;
    double[] e = new double[DIM];
    for (int i = 0; i < DIM; i++) {
      e[i] = rng.nextGaussian();
    }
    for (int i = 0; i < DIM; i++) {
      double v = 0;
      for (int j = 0; j <= i; j++) {
        v += l[i][j] * e[j];
      }
      theta[i] = v;
    }
  }

  @Override
  protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
    double[][] x = Inputs.DESIGN;
    Arrays.fill(y, 0);
    for (int t = 0; t < BINS; t++) {
      double psi = linearPredictor(x[t], theta);
      double p = 1 / (1 + Math.exp(-psi));
      if (rng.nextDouble() < p) {
        for (int j = 0; j < DIM; j++) {
          y[j] += x[t][j];
        }
      }
    }
    return true;
  }

  /**
   * log p(s | theta) for any spike train with sufficient statistics y = X^T s:
   * theta . y - sum_t log(1 + exp((X theta)_t)).
   */
  public static double logLikelihood(double[] theta, double[] y) {
    double sum = 0;
    for (int j = 0; j < DIM; j++) {
      sum += theta[j] * y[j];
    }
    for (double[] row : Inputs.DESIGN) {
      sum -= softplus(linearPredictor(row, theta));
    }
    return sum;
  }

  private static double linearPredictor(double[] row, double[] theta) {
    double psi = 0;
    for (int j = 0; j < DIM; j++) {
      psi += row[j] * theta[j];
    }
    return psi;
  }

  /** log(1 + e^v) without overflow for large v. */
  private static double softplus(double v) {
    return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
