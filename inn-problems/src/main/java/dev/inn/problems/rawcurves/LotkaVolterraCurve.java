package dev.inn.problems.rawcurves;

import dev.inn.api.problem.Problem;
import dev.inn.problems.sbibm.LotkaVolterra;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code lotka-volterra-raw}: sbibm's lotka_volterra observed at every saved time 0, 0.1, ...,
 * 20 (201 steps of two channels, prey then predator), each value the clamped ODE state times
 * exp(0.1 e), where the benchmark keeps the steps 0, 21, ..., 189. Prior, ODE and noise are the
 * task's ({@link LotkaVolterra}).
 */
public final class LotkaVolterraCurve extends RawCurveTask {

  /** The registered name. */
  public static final String NAME = "lotka-volterra-raw";
  /** Saved times k / 10 for k = 0..200. */
  public static final int STEPS = 201;
  private static final double[] SAVED_TIMES = new double[STEPS];
  private static final double LOG_NORM = Math.log(LotkaVolterra.NOISE_SD * Math.sqrt(2 * Math.PI));

  static {
    for (int t = 0; t < STEPS; t++) {
      SAVED_TIMES[t] = t / 10.0;
    }
  }

  private final LotkaVolterra summary = new LotkaVolterra();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> observationNames() {
    return List.of("prey", "predator");
  }

  @Override
  protected int steps() {
    return STEPS;
  }

  @Override
  protected int channels() {
    return 2;
  }

  @Override
  protected double[] logPriorMeans() {
    return LotkaVolterra.LOG_MEANS.clone();
  }

  @Override
  protected double[] logPriorSds() {
    double[] sds = new double[4];
    Arrays.fill(sds, LotkaVolterra.LOG_SD);
    return sds;
  }

  @Override
  protected double[][] solve(double[] theta) {
    double[][] states = LotkaVolterra.solve(theta, SAVED_TIMES);
    if (states == null) {
      return null;
    }
    double[][] curve = new double[STEPS][2];
    for (int t = 0; t < STEPS; t++) {
      for (int k = 0; k < 2; k++) {
        curve[t][k] = Math.min(LotkaVolterra.CLAMP_HIGH, Math.max(LotkaVolterra.CLAMP_LOW, states[t][k]));
      }
    }
    return curve;
  }

  @Override
  protected double observe(double value, int channel, SplittableRandom rng) {
    return value * Math.exp(LotkaVolterra.NOISE_SD * rng.nextGaussian());
  }

  @Override
  protected double logLikelihood(float observed, double value, int channel) {
    if (!(observed > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double logY = Math.log(observed);
    double z = (logY - Math.log(value)) / LotkaVolterra.NOISE_SD;
    return -logY - LOG_NORM - 0.5 * z * z;
  }

  @Override
  protected Problem summaryTask() {
    return summary;
  }

  @Override
  protected int[] summaryPosition(int i) {
    return new int[] {21 * (i % 10), i / 10};
  }
}
