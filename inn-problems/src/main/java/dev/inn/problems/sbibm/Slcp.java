package dev.inn.problems.sbibm;

import dev.inn.api.problem.Support;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * sbibm's {@code slcp} ("simple likelihood, complex posterior", spec section 1): theta
 * uniform on [-3, 3]^5; y is four independent draws from a bivariate normal with mean
 * (theta1, theta2), standard deviations theta3^2 and theta4^2 and correlation tanh(theta5)
 * (plus 1e-6 on the covariance diagonal), flattened point by point (D = 8).
 */
public final class Slcp extends SbibmTask {

  /** The registered name. */
  public static final String NAME = "slcp";
  /** Half-width of the uniform prior box. */
  public static final double BOUND = 3;
  /** Diagonal jitter sbibm adds to keep the covariance positive definite. */
  public static final double JITTER = 1e-6;
  /** Points drawn per simulation. */
  public static final int POINTS = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sbibmName() {
    return "slcp";
  }

  @Override
  public List<String> parameterNames() {
    return numbered("theta", 5);
  }

  @Override
  public List<String> observationNames() {
    return List.of("z1_1", "z1_2", "z2_1", "z2_2", "z3_1", "z3_2", "z4_1", "z4_2");
  }

  @Override
  public Optional<Support> support() {
    double[] lower = new double[5];
    double[] upper = new double[5];
    Arrays.fill(lower, -BOUND);
    Arrays.fill(upper, BOUND);
    return Optional.of(new Support(lower, upper));
  }

  @Override
  protected void drawPrior(SplittableRandom rng, double[] theta) {
    for (int i = 0; i < 5; i++) {
      theta[i] = -BOUND + 2 * BOUND * rng.nextDouble();
    }
  }

  @Override
  protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
    double[] chol = choleskyOfCovariance(theta);
    for (int k = 0; k < POINTS; k++) {
      double e1 = rng.nextGaussian();
      double e2 = rng.nextGaussian();
      y[2 * k] = theta[0] + chol[0] * e1;
      y[2 * k + 1] = theta[1] + chol[1] * e1 + chol[2] * e2;
    }
    return true;
  }

  /**
   * The lower Cholesky factor {L11, L21, L22} of the point covariance
   * [[s1^2, rho s1 s2], [rho s1 s2, s2^2]] + 1e-6 I with s = theta3^2, theta4^2.
   */
  static double[] choleskyOfCovariance(double[] theta) {
    double s1 = theta[2] * theta[2];
    double s2 = theta[3] * theta[3];
    double rho = Math.tanh(theta[4]);
    double c11 = s1 * s1 + JITTER;
    double c21 = rho * s1 * s2;
    double c22 = s2 * s2 + JITTER;
    double l11 = Math.sqrt(c11);
    double l21 = c21 / l11;
    return new double[] {l11, l21, Math.sqrt(c22 - l21 * l21)};
  }

  /** The exact log-likelihood log p(y | theta): four bivariate normal log densities. */
  public static double logLikelihood(double[] theta, double[] y) {
    double[] chol = choleskyOfCovariance(theta);
    double logDet = 2 * (Math.log(chol[0]) + Math.log(chol[2]));
    double sum = 0;
    for (int k = 0; k < POINTS; k++) {
      double u1 = (y[2 * k] - theta[0]) / chol[0];
      double u2 = (y[2 * k + 1] - theta[1] - chol[1] * u1) / chol[2];
      sum += -0.5 * (u1 * u1 + u2 * u2) - 0.5 * logDet - Math.log(2 * Math.PI);
    }
    return sum;
  }
}
