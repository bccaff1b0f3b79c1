package dev.inn.problems.timeseries;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.random.Seeds;
import dev.inn.problems.mcmc.RandomWalkMetropolis;
import dev.inn.problems.testdata.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stationary AR(2) series of T steps, T drawn uniformly from {@code [minLength, maxLength]}
 * (100 to 200 by default), with x = (r1, r2, log sigma): the partial autocorrelations
 * (see {@link Ar2Likelihood}), uniform on (-0.9, 0.9) each, so every prior draw is stationary,
 * and the innovation scale, log sigma uniform on (-1, 1).
 *
 * <p>Two forms of the same simulations (a seed gives the same x and series in both):
 * {@link Form#RAW}, the series itself as a {@code Sequence(1)}, and {@link Form#SUMMARIES},
 * the hand-crafted vector (mean, variance, autocorrelations at lags 1 to 3) of that series.
 *
 * <p>The reference posterior p(x | series) is drawn by {@link RandomWalkMetropolis} on the exact
 * likelihood (four chains, split R-hat at most 1.01, else it fails). In the summaries form it is
 * still the posterior given the whole series behind the summaries (the summaries are not
 * sufficient): scoring against it shows what the hand-crafted summaries lose, which is the
 * comparison this problem exists for. It is known only for observations this instance's
 * {@link #testSet} produced.
 */
public final class Ar2Series implements Problem {

  /** The registered name of the raw form. */
  public static final String NAME = "ar2";
  /** The registered name of the summaries form. */
  public static final String SUMMARIES_NAME = "ar2-summaries";
  /** The prior box of the partial autocorrelations. */
  public static final double PACF_BOUND = 0.9;
  /** The prior box of log sigma. */
  public static final double LOG_SIGMA_BOUND = 1;
  /** {@link TestData#SHIFTED}: the level moves by this many stationary standard deviations. */
  public static final double SHIFT = 3;
  /** {@link TestData#CONTAMINATED}: the chance that a step carries an additive outlier ... */
  public static final double CONTAMINATION = 0.05;
  /** ... of this many stationary standard deviations (times a standard normal). */
  public static final double OUTLIER_SCALE = 5;

  /** How an observation presents the series. */
  public enum Form {
    /** The series itself, one channel per step. */
    RAW,
    /** Mean, variance and the autocorrelations at lags 1, 2, 3. */
    SUMMARIES
  }

  private final Form form;
  private final int minLength;
  private final int maxLength;
  private final int evaluateLength;
  private final TestData testData;
  private final RandomWalkMetropolis.Options mcmc;
  /** Summaries of this instance's test observations -> the series behind them. */
  private final Map<SummaryKey, float[]> seriesBehind = new ConcurrentHashMap<>();

  /**
   * @param minLength the shortest series of a simulation (at least 3)
   * @param maxLength the longest
   * @param evaluateLength the length of every test series, or 0 to draw it like training
   */
  public Ar2Series(Form form, int minLength, int maxLength, int evaluateLength, TestData testData,
      RandomWalkMetropolis.Options mcmc) {
    if (minLength < 3 || maxLength < minLength || (evaluateLength != 0 && evaluateLength < 3)) {
      throw new IllegalArgumentException("series lengths need 3 <= min_length <= max_length and evaluate_length 0"
          + " or >= 3, got " + minLength + ", " + maxLength + ", " + evaluateLength);
    }
    this.form = form;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.evaluateLength = evaluateLength;
    this.testData = testData;
    this.mcmc = mcmc;
  }

  @Override
  public String name() {
    return form == Form.RAW ? NAME : SUMMARIES_NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("pacf1", "pacf2", "log_sigma");
  }

  @Override
  public List<String> observationNames() {
    return form == Form.RAW ? List.of("value") : List.of("mean", "variance", "acf1", "acf2", "acf3");
  }

  @Override
  public ObservationShape observationShape() {
    return form == Form.RAW ? new ObservationShape.Sequence(1) : new ObservationShape.Vector(5);
  }

  @Override
  public Optional<Support> support() {
    double b = PACF_BOUND;
    return Optional.of(new Support(new double[] {-b, -b, -LOG_SIGMA_BOUND}, new double[] {b, b, LOG_SIGMA_BOUND}));
  }

  /** Steps per padded row of the raw form: the longest series this problem draws. */
  public int paddedWidth() {
    return Math.max(maxLength, evaluateLength);
  }

  /**
   * The series (raw form) or its summaries for given parameters, of a length drawn as in
   * training; row i draws its length and innovations from {@code Seeds.derive(seed, firstRow + i)}.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> {
      int width = form == Form.RAW ? paddedWidth() : 5;
      float[] ys = new float[x.rows() * width];
      int[] lengths = new int[x.rows()];
      boolean[] valid = new boolean[x.rows()];
      double[] y = new double[paddedWidth()];
      for (int i = 0; i < x.rows(); i++) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, firstRow + i));
        int length = minLength + rng.nextInt(maxLength - minLength + 1);
        Ar2Likelihood.simulate(x.get(i, 0), x.get(i, 1), Math.exp(x.get(i, 2)), rng::nextGaussian, y, length);
        if (form == Form.RAW) {
          for (int t = 0; t < length; t++) {
            ys[i * width + t] = (float) y[t];
          }
        } else {
          System.arraycopy(summaries(y, length), 0, ys, i * width, 5);
        }
        lengths[i] = length;
        valid[i] = true;
      }
      Matrix out = new Matrix(x.rows(), width, ys);
      return form == Form.RAW ? new Simulation(out, valid, lengths) : new Simulation(out, valid);
    });
  }

  @Override
  public Dataset sample(int n, long seed) {
    return draw(n, seed, 0, TestData.SIMULATOR, false);
  }

  @Override
  public Dataset testSet(int n, long seed) {
    return draw(n, seed ^ 0x5DEECE66DL, evaluateLength, testData, true);
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of((n, seed) -> {
      float[] xs = new float[3 * n];
      double[] theta = new double[3];
      for (int i = 0; i < n; i++) {
        // the same first draws per row as sample(n, seed)
        drawPrior(new SplittableRandom(Seeds.derive(seed, i)), theta);
        for (int j = 0; j < 3; j++) {
          xs[3 * i + j] = (float) theta[j];
        }
      }
      return new Matrix(n, 3, xs);
    });
  }

  /**
   * MCMC draws of p(x | series): for the raw form the observation is the series (unpadded);
   * for the summaries form, summaries this instance's test set produced.
   */
  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return Optional.of((observation, n, seed) -> posterior(seriesOf(observation), n, seed).samples());
  }

  /** The MCMC run for a series, with its diagnostics. */
  public RandomWalkMetropolis.Result posterior(float[] series, int n, long seed) {
    checkSeries(series);
    double b = PACF_BOUND;
    return RandomWalkMetropolis.sampleConverged(theta -> {
      if (Math.abs(theta[0]) >= b || Math.abs(theta[1]) >= b || Math.abs(theta[2]) >= LOG_SIGMA_BOUND) {
        return Double.NEGATIVE_INFINITY;
      }
      return Ar2Likelihood.logLikelihood(theta[0], theta[1], Math.exp(theta[2]), series, series.length);
    }, rng -> {
      double[] theta = new double[3];
      drawPrior(rng, theta);
      return theta;
    }, new double[] {0.05, 0.05, 0.05}, n, seed, mcmc);
  }

  /** Mean, variance (divided by T) and the sample autocorrelations at lags 1 to 3 of a series. */
  public static float[] summaries(double[] y, int length) {
    double mean = 0;
    for (int t = 0; t < length; t++) {
      mean += y[t] / length;
    }
    double[] acov = new double[4];
    for (int lag = 0; lag < 4; lag++) {
      for (int t = 0; t + lag < length; t++) {
        acov[lag] += (y[t] - mean) * (y[t + lag] - mean) / length;
      }
    }
    return new float[] {(float) mean, (float) acov[0], (float) (acov[1] / acov[0]), (float) (acov[2] / acov[0]),
        (float) (acov[3] / acov[0])};
  }

  private float[] seriesOf(float[] observation) {
    if (form == Form.RAW) {
      return observation;
    }
    float[] series = seriesBehind.get(new SummaryKey(observation));
    if (series == null) {
      throw new IllegalArgumentException(SUMMARIES_NAME + ": the reference posterior needs the series behind the"
          + " summaries, known only for observations of this problem's test set; got " + Arrays.toString(observation));
    }
    return series;
  }

  private static void checkSeries(float[] series) {
    if (series.length < 3) {
      throw new IllegalArgumentException(NAME + ": a series needs at least 3 steps, got " + series.length);
    }
    for (int t = 0; t < series.length; t++) {
      if (!Float.isFinite(series[t])) {
        throw new IllegalArgumentException(NAME + ": step " + t + " of the observed series is " + series[t]);
      }
    }
  }

  private static void drawPrior(SplittableRandom rng, double[] theta) {
    theta[0] = PACF_BOUND * (2 * rng.nextDouble() - 1);
    theta[1] = PACF_BOUND * (2 * rng.nextDouble() - 1);
    theta[2] = LOG_SIGMA_BOUND * (2 * rng.nextDouble() - 1);
  }

  private Dataset draw(int n, long seed, int fixedLength, TestData model, boolean remember) {
    int width = form == Form.RAW ? paddedWidth() : 5;
    float[] xs = new float[3 * n];
    float[] ys = new float[n * width];
    int[] lengths = new int[n];
    double[] theta = new double[3];
    double[] y = new double[paddedWidth()];
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
      drawPrior(rng, theta);
      int length = fixedLength > 0 ? fixedLength : minLength + rng.nextInt(maxLength - minLength + 1);
      double sigma = Math.exp(theta[2]);
      Ar2Likelihood.simulate(theta[0], theta[1], sigma, rng::nextGaussian, y, length);
      double sd0 = Math.sqrt(Ar2Likelihood.stationaryVariance(theta[0], theta[1], sigma));
      for (int t = 0; t < length; t++) {
        y[t] += switch (model) {
          case SIMULATOR -> 0;
          case SHIFTED -> SHIFT * sd0;
          case CONTAMINATED -> rng.nextDouble() < CONTAMINATION ? OUTLIER_SCALE * sd0 * rng.nextGaussian() : 0;
        };
      }
      for (int j = 0; j < 3; j++) {
        xs[3 * i + j] = (float) theta[j];
      }
      if (form == Form.RAW) {
        for (int t = 0; t < length; t++) {
          ys[i * width + t] = (float) y[t];
        }
        lengths[i] = length;
      } else {
        float[] s = summaries(y, length);
        System.arraycopy(s, 0, ys, i * width, 5);
        if (remember) {
          float[] series = new float[length];
          for (int t = 0; t < length; t++) {
            series[t] = (float) y[t];
          }
          seriesBehind.put(new SummaryKey(s), series);
        }
      }
    }
    Matrix x = new Matrix(n, 3, xs);
    Matrix obs = new Matrix(n, width, ys);
    return form == Form.RAW ? new Dataset(x, obs, lengths) : new Dataset(x, obs);
  }

  /** A summary vector as a map key, compared by value. */
  private record SummaryKey(float[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SummaryKey k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
