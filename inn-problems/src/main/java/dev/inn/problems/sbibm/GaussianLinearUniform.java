package dev.inn.problems.sbibm;

import dev.inn.api.problem.Support;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * sbibm's {@code gaussian_linear_uniform} (spec section 3): theta uniform on [-1, 1]^10 and
 * y = theta + eps with eps ~ N(0, 0.1 I). The 0.1 is the variance (sd 0.3162), as in sbibm's
 * code despite its argument name. The posterior is N(y, 0.1 I) truncated to the box.
 */
public final class GaussianLinearUniform extends SbibmTask {

  /** The registered name. */
  public static final String NAME = "gaussian-linear-uniform";
  /** Parameter and observation dimension. */
  public static final int DIM = 10;
  /** Half-width of the prior box. */
  public static final double BOUND = 1;
  /** Noise variance per coordinate. */
  public static final double NOISE_VARIANCE = 0.1;

  private static final double NOISE_SD = Math.sqrt(NOISE_VARIANCE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String sbibmName() {
    return "gaussian_linear_uniform";
  }

  @Override
  public List<String> parameterNames() {
    return numbered("theta", DIM);
  }

  @Override
  public List<String> observationNames() {
    return numbered("y", DIM);
  }

  @Override
  public Optional<Support> support() {
    double[] lower = new double[DIM];
    double[] upper = new double[DIM];
    Arrays.fill(lower, -BOUND);
    Arrays.fill(upper, BOUND);
    return Optional.of(new Support(lower, upper));
  }

  @Override
  protected void drawPrior(SplittableRandom rng, double[] theta) {
    for (int i = 0; i < DIM; i++) {
      theta[i] = -BOUND + 2 * BOUND * rng.nextDouble();
    }
  }

  @Override
  protected boolean simulate(double[] theta, SplittableRandom rng, double[] y) {
    for (int i = 0; i < DIM; i++) {
      y[i] = theta[i] + NOISE_SD * rng.nextGaussian();
    }
    return true;
  }
}
