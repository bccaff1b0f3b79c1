package dev.inn.problems.rawcurves;

import dev.inn.api.problem.Problem;
import dev.inn.problems.sbibm.Sir;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * {@code sir-raw}: sbibm's sir observed on every saved day 0, 1, ..., 160 (161 steps, one
 * channel) as Binomial(1000, I(t) / N) draws, where the benchmark keeps days 0, 17, ..., 153.
 * Prior, ODE and noise are the sir task's ({@link Sir}).
 */
public final class SirCurve extends RawCurveTask {

  /** The registered name. */
  public static final String NAME = "sir-raw";
  /** Saved days 0..160. */
  public static final int DAYS = 161;
  private static final double[] SAVED_DAYS = new double[DAYS];

  static {
    for (int t = 0; t < DAYS; t++) {
      SAVED_DAYS[t] = t;
    }
  }

  private final Sir summary = new Sir();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> observationNames() {
    return List.of("infected");
  }

  @Override
  protected int steps() {
    return DAYS;
  }

  @Override
  protected int channels() {
    return 1;
  }

  @Override
  protected double[] logPriorMeans() {
    return new double[] {Sir.LOG_BETA_MEAN, Sir.LOG_GAMMA_MEAN};
  }

  @Override
  protected double[] logPriorSds() {
    return new double[] {Sir.LOG_BETA_SD, Sir.LOG_GAMMA_SD};
  }

  @Override
  protected double[][] solve(double[] theta) {
    double[][] states = Sir.solve(theta[0], theta[1], SAVED_DAYS);
    if (states == null) {
      return null;
    }
    double[][] curve = new double[DAYS][1];
    for (int t = 0; t < DAYS; t++) {
      curve[t][0] = Math.min(1, Math.max(0, states[t][1] / Sir.POPULATION));
    }
    return curve;
  }

  @Override
  protected double observe(double value, int channel, SplittableRandom rng) {
    return Sir.binomial(rng, Sir.TRIALS, value);
  }

  @Override
  protected double logLikelihood(float observed, double p, int channel) {
    int k = Math.round(observed);
    if (k != observed || k < 0 || k > Sir.TRIALS) {
      return Double.NEGATIVE_INFINITY;
    }
    double log = CombinatoricsUtils.binomialCoefficientLog(Sir.TRIALS, k);
    if (p <= 0 || p >= 1) {
      return (p <= 0 ? k == 0 : k == Sir.TRIALS) ? log : Double.NEGATIVE_INFINITY;
    }
    return log + k * Math.log(p) + (Sir.TRIALS - k) * Math.log1p(-p);
  }

  @Override
  protected Problem summaryTask() {
    return summary;
  }

  @Override
  protected int[] summaryPosition(int i) {
    return new int[] {17 * i, 0};
  }
}
