package dev.inn.problems.rawcurves;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.random.Seeds;
import dev.inn.problems.mcmc.RandomWalkMetropolis;
import dev.inn.problems.prior.RowSeededPrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * An sbibm ODE task observed as its whole noisy curve: every saved step of the solution (sbibm
 * solves on a fine grid and keeps only a subsample as the summary), each with the task's own
 * noise, as a {@code Sequence(channels)} of fixed length. Its parameters and prior are the
 * summary task's; the likelihood is exact once the ODE is solved, so the reference posterior
 * is MCMC on it ({@link RandomWalkMetropolis} in log space, split R-hat at most 1.01).
 *
 * <p>Reference observations: sbibm publishes only the ten subsampled official observations,
 * not the curves behind them. Because the noise is independent per step given the parameters,
 * a full curve consistent with official observation k is its published values at the
 * subsampled steps plus fresh draws from the model at its published true parameters at every
 * other step; {@link #referenceObservations()} gives these completed curves (fixed seed) with
 * MCMC posteriors. They contain the official data exactly, but more besides, so their
 * posteriors are narrower than sbibm's references and the two C2ST values answer different
 * questions on the same true parameters.
 */
public abstract class RawCurveTask implements Problem {

  private static final int PARALLEL_CHUNK = 256;
  private static final int MAX_ATTEMPTS = 10_000;
  private static final long COMPLETION_SEED = 0x5B1B_0A11L;
  private static final RandomWalkMetropolis.Options MCMC = new RandomWalkMetropolis.Options(4, 4000, 5, 1.01);

  /** Saved steps of the curve. */
  protected abstract int steps();

  /** Observed values per step. */
  protected abstract int channels();

  /** Prior means of the log parameters (independent normals). */
  protected abstract double[] logPriorMeans();

  /** Prior standard deviations of the log parameters. */
  protected abstract double[] logPriorSds();

  /**
   * The noiseless curve for parameters theta, {@code steps() x channels()}, or null when the
   * ODE solver failed.
   */
  protected abstract double[][] solve(double[] theta);

  /** One noisy observation of a noiseless value of a channel. */
  protected abstract double observe(double value, int channel, SplittableRandom rng);

  /** log p(observed | noiseless value) of one step and channel. */
  protected abstract double logLikelihood(float observed, double value, int channel);

  /** The summary task whose simulator, prior and official observations this curve extends. */
  protected abstract Problem summaryTask();

  /**
   * For value i of the summary task's observation vector, the curve step and channel it was
   * taken from (e.g. sir's day 17 is step 17 of channel 0).
   */
  protected abstract int[] summaryPosition(int i);

  @Override
  public List<String> parameterNames() {
    return summaryTask().parameterNames();
  }

  @Override
  public Optional<Support> support() {
    return summaryTask().support();
  }

  @Override
  public ObservationShape observationShape() {
    return new ObservationShape.Sequence(channels());
  }

  /** The observations are noisy, so the latent space has the full parameter dimension. */
  @Override
  public int latentDim() {
    return parameterDim();
  }

  /**
   * The curve for given parameters, observation noise included; row i draws its noise from
   * {@code Seeds.derive(seed, firstRow + i)}. A row whose ODE solve fails is invalid.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> {
      int p = parameterDim();
      int width = steps() * channels();
      float[] ys = new float[x.rows() * width];
      boolean[] valid = new boolean[x.rows()];
      double[] theta = new double[p];
      for (int i = 0; i < x.rows(); i++) {
        for (int j = 0; j < p; j++) {
          theta[j] = x.get(i, j);
        }
        double[][] curve = solve(theta);
        valid[i] = curve != null;
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, firstRow + i));
        if (curve == null) {
          Arrays.fill(ys, i * width, (i + 1) * width, Float.NaN);
        } else {
          observeCurve(curve, rng, ys, i * width);
        }
      }
      int[] lengths = new int[x.rows()];
      Arrays.fill(lengths, steps());
      return new Simulation(new Matrix(x.rows(), width, ys), valid, lengths);
    });
  }

  /** Noisy observations of every step and channel of a noiseless curve, element-major from {@code offset}. */
  private void observeCurve(double[][] curve, SplittableRandom rng, float[] out, int offset) {
    for (int t = 0; t < steps(); t++) {
      for (int k = 0; k < channels(); k++) {
        out[offset + t * channels() + k] = (float) observe(curve[t][k], k, rng);
      }
    }
  }

  @Override
  public Dataset sample(int n, long seed) {
    int p = parameterDim();
    int width = steps() * channels();
    float[] xs = new float[n * p];
    float[] ys = new float[n * width];
    int chunks = (n + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      double[] theta = new double[p];
      for (int i = c * PARALLEL_CHUNK; i < Math.min(n, (c + 1) * PARALLEL_CHUNK); i++) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
        double[][] curve = null;
        for (int attempt = 0; curve == null; attempt++) {
          if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(name() + ": " + MAX_ATTEMPTS + " failed simulations in a row for row " + i);
          }
          drawPrior(rng, theta);
          curve = solve(theta);
        }
        for (int j = 0; j < p; j++) {
          xs[i * p + j] = (float) theta[j];
        }
        observeCurve(curve, rng, ys, i * width);
      }
    });
    int[] lengths = new int[n];
    Arrays.fill(lengths, steps());
    return new Dataset(new Matrix(n, p, xs), new Matrix(n, width, ys), lengths);
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(new RowSeededPrior(parameterDim(), this::drawPrior));
  }

  /** MCMC draws of p(theta | curve) for a whole curve ({@code steps() * channels()} values, step-major). */
  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return Optional.of((observation, n, seed) -> posterior(observation, n, seed).samples());
  }

  /** The MCMC run for a curve, with its diagnostics; the draws are the parameters themselves (not logs). */
  public RandomWalkMetropolis.Result posterior(float[] curve, int n, long seed) {
    checkCurve(curve);
    double[] means = logPriorMeans();
    double[] sds = logPriorSds();
    int p = means.length;
    double[] steps = new double[p];
    for (int j = 0; j < p; j++) {
      steps[j] = 0.05 * sds[j];
    }
    RandomWalkMetropolis.Result r = RandomWalkMetropolis.sampleConverged(logTheta -> {
      double lp = 0;
      double[] theta = new double[p];
      for (int j = 0; j < p; j++) {
        double z = (logTheta[j] - means[j]) / sds[j];
        lp -= 0.5 * z * z;
        theta[j] = Math.exp(logTheta[j]);
      }
      return lp + logLikelihood(theta, curve);
    }, rng -> {
      double[] logTheta = new double[p];
      for (int j = 0; j < p; j++) {
        logTheta[j] = means[j] + sds[j] * rng.nextGaussian();
      }
      return logTheta;
    }, steps, n, seed, MCMC);
    float[] values = r.samples().data().clone();
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.exp(values[i]);
    }
    return new RandomWalkMetropolis.Result(new Matrix(n, p, values), r.rHat(), r.acceptance());
  }

  /** log p(curve | theta); negative infinity when the ODE solver fails. */
  public double logLikelihood(double[] theta, float[] curve) {
    double[][] solution = solve(theta);
    if (solution == null) {
      return Double.NEGATIVE_INFINITY;
    }
    double lp = 0;
    for (int t = 0; t < steps(); t++) {
      for (int k = 0; k < channels(); k++) {
        lp += logLikelihood(curve[t * channels() + k], solution[t][k], k);
      }
    }
    return lp;
  }

  /**
   * The summary task's official observations completed to whole curves (see the class
   * comment), with MCMC reference posteriors of 10 000 draws computed when first asked for.
   */
  @Override
  public List<ReferenceObservation> referenceObservations() {
    List<ReferenceObservation> out = new ArrayList<>();
    List<ReferenceObservation> official = summaryTask().referenceObservations();
    for (int k = 0; k < official.size(); k++) {
      ReferenceObservation o = official.get(k);
      float[] curve = complete(o.observation(), o.trueParameters(), Seeds.derive(COMPLETION_SEED, k));
      long seed = Seeds.derive(COMPLETION_SEED, 1000 + k);
      out.add(new ReferenceObservation(o.id(), curve, o.trueParameters(),
          memoised(() -> posterior(curve, 10_000, seed).samples())));
    }
    return List.copyOf(out);
  }

  /** A curve holding {@code official}'s values at their steps and fresh draws at theta elsewhere. */
  float[] complete(float[] official, float[] trueParameters, long seed) {
    double[] theta = new double[trueParameters.length];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = trueParameters[j];
    }
    double[][] solution = solve(theta);
    if (solution == null) {
      throw new IllegalStateException(name() + ": the ODE fails at the official parameters " + Arrays.toString(theta));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    float[] curve = new float[steps() * channels()];
    for (int t = 0; t < steps(); t++) {
      for (int k = 0; k < channels(); k++) {
        curve[t * channels() + k] = (float) observe(solution[t][k], k, rng);
      }
    }
    for (int i = 0; i < official.length; i++) {
      int[] at = summaryPosition(i);
      curve[at[0] * channels() + at[1]] = official[i];
    }
    return curve;
  }

  private void checkCurve(float[] curve) {
    if (curve.length != steps() * channels()) {
      throw new IllegalArgumentException(name() + ": a curve has " + steps() + " steps of " + channels()
          + " channel(s) = " + steps() * channels() + " values, got " + curve.length);
    }
    for (int i = 0; i < curve.length; i++) {
      if (!Float.isFinite(curve[i])) {
        throw new IllegalArgumentException(name() + ": step " + i / channels() + " channel " + i % channels()
            + " of the curve is " + curve[i]);
      }
    }
  }

  private void drawPrior(SplittableRandom rng, double[] theta) {
    double[] means = logPriorMeans();
    double[] sds = logPriorSds();
    for (int j = 0; j < theta.length; j++) {
      theta[j] = Math.exp(means[j] + sds[j] * rng.nextGaussian());
    }
  }

  private static Supplier<Matrix> memoised(Supplier<Matrix> compute) {
    return new Supplier<>() {
      private Matrix value;

      @Override
      public synchronized Matrix get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }
}
