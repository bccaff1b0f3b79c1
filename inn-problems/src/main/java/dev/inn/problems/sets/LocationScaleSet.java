package dev.inn.problems.sets;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.problems.testdata.TestData;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An exchangeable set of n values y_j ~ N(mu, sigma^2), with n drawn uniformly from
 * {@code [minSize, maxSize]} per simulation; the parameters are x = (mu, log sigma).
 *
 * <p>The prior is conjugate, normal-inverse-gamma: sigma^2 ~ InvGamma(3, 2) (mean 1, sd 1)
 * and mu | sigma^2 ~ N(0, 4 sigma^2), so the exact posterior of any set is again
 * normal-inverse-gamma ({@link NormalInverseGamma#update}) and {@link #exactPosterior()} draws
 * from it directly. Its observation is the set's values only ({@code n} numbers, no padding).
 *
 * <p>{@link #sample} returns padded rows of {@link #paddedWidth()} values with each row's set
 * size in the lengths. {@link #testSet} may differ from training in two documented ways: a
 * fixed set size ({@code evaluateSize}, to score one trained model at n = 5, 20 and 100), and
 * data from a misspecified model ({@link TestData}) to check the misspecification flag.
 */
public final class LocationScaleSet implements Problem {

  /** The registered name. */
  public static final String NAME = "location-scale-set";
  /** The conjugate prior of (mu, sigma^2). */
  public static final NormalInverseGamma PRIOR = new NormalInverseGamma(0, 0.25, 3, 2);
  /** {@link TestData#SHIFTED}: every value moves by this many sigma. */
  public static final double SHIFT = 10;
  /** {@link TestData#CONTAMINATED}: the chance that a value is an outlier ... */
  public static final double CONTAMINATION = 0.2;
  /** ... drawn with this many times the model's sigma. */
  public static final double OUTLIER_SCALE = 5;

  private final int minSize;
  private final int maxSize;
  private final int evaluateSize;
  private final TestData testData;

  /**
   * @param minSize the smallest set size of a simulation (at least 1)
   * @param maxSize the largest
   * @param evaluateSize the set size of every test observation, or 0 to draw it like training
   * @param testData the model of the test observations
   */
  public LocationScaleSet(int minSize, int maxSize, int evaluateSize, TestData testData) {
    if (minSize < 1 || maxSize < minSize || evaluateSize < 0) {
      throw new IllegalArgumentException("set sizes need 1 <= min_size <= max_size and evaluate_size >= 0, got "
          + minSize + ", " + maxSize + ", " + evaluateSize);
    }
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.evaluateSize = evaluateSize;
    this.testData = testData;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("mu", "log_sigma");
  }

  @Override
  public List<String> observationNames() {
    return List.of("value");
  }

  @Override
  public ObservationShape observationShape() {
    return new ObservationShape.Set(1);
  }

  /** Values per padded row: the largest set this problem draws, in training or test. */
  public int paddedWidth() {
    return Math.max(maxSize, evaluateSize);
  }

  /**
   * A set of the training sizes for given (mu, log sigma); row i draws its size and values from
   * {@code Seeds.derive(seed, firstRow + i)}.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> {
      int width = paddedWidth();
      float[] ys = new float[x.rows() * width];
      int[] lengths = new int[x.rows()];
      boolean[] valid = new boolean[x.rows()];
      for (int i = 0; i < x.rows(); i++) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, firstRow + i));
        lengths[i] = fill(rng, x.get(i, 0), x.get(i, 1), 0, TestData.SIMULATOR, ys, i * width);
        valid[i] = true;
      }
      return new Simulation(new Matrix(x.rows(), width, ys), valid, lengths);
    });
  }

  @Override
  public Dataset sample(int n, long seed) {
    return draw(n, seed, 0, TestData.SIMULATOR);
  }

  @Override
  public Dataset testSet(int n, long seed) {
    return draw(n, seed ^ 0x5DEECE66DL, evaluateSize, testData);
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of((n, seed) -> {
      float[] xs = new float[2 * n];
      double[] theta = new double[2];
      for (int i = 0; i < n; i++) {
        // the same first draws per row as sample(n, seed)
        PRIOR.draw(new SplittableRandom(Seeds.derive(seed, i)), theta);
        xs[2 * i] = (float) theta[0];
        xs[2 * i + 1] = (float) theta[1];
      }
      return new Matrix(n, 2, xs);
    });
  }

  /** Exact draws from the normal-inverse-gamma posterior of the given set's values (unpadded). */
  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return Optional.of((observation, n, seed) -> {
      NormalInverseGamma posterior = PRIOR.update(values(observation));
      SplittableRandom rng = new SplittableRandom(seed);
      float[] xs = new float[2 * n];
      double[] theta = new double[2];
      for (int i = 0; i < n; i++) {
        posterior.draw(rng, theta);
        xs[2 * i] = (float) theta[0];
        xs[2 * i + 1] = (float) theta[1];
      }
      return new Matrix(n, 2, xs);
    });
  }

  /** The set's values in double precision, refusing an empty set or a non-finite value by position. */
  static double[] values(float[] observation) {
    if (observation.length == 0) {
      throw new IllegalArgumentException(NAME + ": the observed set is empty");
    }
    double[] v = new double[observation.length];
    for (int j = 0; j < v.length; j++) {
      if (!Float.isFinite(observation[j])) {
        throw new IllegalArgumentException(NAME + ": element " + j + " of the observed set is " + observation[j]);
      }
      v[j] = observation[j];
    }
    return v;
  }

  /**
   * Draws one set for (mu, log sigma) into {@code out} from {@code offset}: its size
   * ({@code fixedSize}, or drawn from the training range when 0), then its values under
   * {@code model}. Returns the size.
   */
  private int fill(SplittableRandom rng, double mu, double logSigma, int fixedSize, TestData model, float[] out,
      int offset) {
    int size = fixedSize > 0 ? fixedSize : minSize + rng.nextInt(maxSize - minSize + 1);
    double sigma = Math.exp(logSigma);
    for (int j = 0; j < size; j++) {
      double value = switch (model) {
        case SIMULATOR -> mu + sigma * rng.nextGaussian();
        case SHIFTED -> mu + SHIFT * sigma + sigma * rng.nextGaussian();
        case CONTAMINATED -> mu + (rng.nextDouble() < CONTAMINATION ? OUTLIER_SCALE : 1) * sigma * rng.nextGaussian();
      };
      out[offset + j] = (float) value;
    }
    return size;
  }

  private Dataset draw(int n, long seed, int fixedSize, TestData model) {
    int width = paddedWidth();
    float[] xs = new float[2 * n];
    float[] ys = new float[n * width];
    int[] lengths = new int[n];
    double[] theta = new double[2];
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
      PRIOR.draw(rng, theta);
      lengths[i] = fill(rng, theta[0], theta[1], fixedSize, model, ys, i * width);
      xs[2 * i] = (float) theta[0];
      xs[2 * i + 1] = (float) theta[1];
    }
    return new Dataset(new Matrix(n, 2, xs), new Matrix(n, width, ys), lengths);
  }
}
