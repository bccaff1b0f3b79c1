package dev.inn.problems.sbibm;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.PublishedScore;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import dev.inn.problems.prior.RowSeededPrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * What the five sbibm tasks share: a prior, a stochastic simulator (its noise is part of the
 * model), ten official observations with reference posteriors, and the sampling policy.
 *
 * <p>Row i of {@link #sample} and of {@link #prior()} comes from its own random stream
 * {@code Seeds.derive(seed, i)}, so results depend on the seed alone, not on threads. A
 * simulation that fails (an ODE solve that does not finish) is dropped and the row draws a
 * fresh parameter from the same stream, so {@code sample(n)} always returns n valid pairs;
 * {@link #invalidSimulations()} counts the dropped ones.
 */
public abstract class SbibmTask implements Problem {

  /** Rows per parallel task; small because ODE rows are expensive. */
  private static final int PARALLEL_CHUNK = 512;
  /** Give up on a row after this many failed simulations in a row (never seen in practice). */
  private static final int MAX_ATTEMPTS = 10_000;

  private final AtomicLong invalidSimulations = new AtomicLong();

  /** sbibm's own task name, also the folder of the task's data, e.g. {@code "bernoulli_glm"}. */
  public abstract String sbibmName();

  /** Draws one parameter vector from the prior into {@code theta}. */
  protected abstract void drawPrior(SplittableRandom rng, double[] theta);

  /**
   * Runs the stochastic simulator once for {@code theta}, writing the observation into
   * {@code y}; returns false if the simulation failed (then {@code y} is unspecified).
   */
  protected abstract boolean simulate(double[] theta, SplittableRandom rng, double[] y);

  /** The observations are noisy, so the latent space has the full parameter dimension. */
  @Override
  public int latentDim() {
    return parameterDim();
  }

  /**
   * Failed simulations that {@link #sample} has dropped (and replaced) on this instance so
   * far, summed over all calls.
   */
  public long invalidSimulations() {
    return invalidSimulations.get();
  }

  @Override
  public Dataset sample(int n, long seed) {
    int p = parameterDim();
    int d = observationDim();
    float[] xs = new float[n * p];
    float[] ys = new float[n * d];
    forEachChunk(n, (from, to) -> {
      double[] theta = new double[p];
      double[] y = new double[d];
      long dropped = 0;
      for (int i = from; i < to; i++) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, i));
        int attempt = 0;
        while (true) {
          drawPrior(rng, theta);
          if (simulate(theta, rng, y) && allFinite(y)) {
            break;
          }
          dropped++;
          if (++attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(name() + ": " + MAX_ATTEMPTS + " failed simulations in a row for row " + i);
          }
        }
        copyInto(theta, xs, i * p);
        copyInto(y, ys, i * d);
      }
      invalidSimulations.addAndGet(dropped);
    });
    return new Dataset(new Matrix(n, p, xs), new Matrix(n, d, ys));
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(new RowSeededPrior(parameterDim(), this::drawPrior));
  }

  /**
   * The stochastic simulator, noise included: row i draws its noise from the stream
   * {@code Seeds.derive(seed, firstRow + i)}. Failed rows are NaN and marked invalid.
   */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of(this::simulateBatch);
  }

  private Simulation simulateBatch(Matrix x, long seed, long firstRow) {
    int p = parameterDim();
    int d = observationDim();
    if (x.cols() != p) {
      throw new IllegalArgumentException(name() + ": x has " + p + " columns, got " + x.cols());
    }
    int n = x.rows();
    float[] in = x.data();
    float[] ys = new float[n * d];
    boolean[] valid = new boolean[n];
    forEachChunk(n, (from, to) -> {
      double[] theta = new double[p];
      double[] y = new double[d];
      for (int i = from; i < to; i++) {
        for (int j = 0; j < p; j++) {
          theta[j] = in[i * p + j];
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, firstRow + i));
        valid[i] = simulate(theta, rng, y) && allFinite(y);
        if (valid[i]) {
          copyInto(y, ys, i * d);
        } else {
          Arrays.fill(ys, i * d, (i + 1) * d, Float.NaN);
        }
      }
    });
    return new Simulation(new Matrix(n, d, ys), valid);
  }

  /** sbibm's published mean C2ST of every algorithm and budget for this task (Lueckmann et al. 2021). */
  @Override
  public List<PublishedScore> publishedScores() {
    List<PublishedScore> out = new ArrayList<>();
    for (String algorithm : PublishedC2st.algorithms()) {
      for (int budget : new int[] {1_000, 10_000, 100_000}) {
        double[] values = new double[SbibmData.OBSERVATIONS];
        for (int k = 1; k <= values.length; k++) {
          values[k - 1] = PublishedC2st.value(sbibmName(), algorithm, budget, k).orElse(Double.NaN);
        }
        if (Arrays.stream(values).anyMatch(v -> !Double.isNaN(v))) {
          out.add(new PublishedScore("c2st", algorithm, budget, values, "Lueckmann et al. 2021"));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The ten official observations, loaded from the class path; posteriors load on demand. */
  @Override
  public List<ReferenceObservation> referenceObservations() {
    List<ReferenceObservation> out = new ArrayList<>();
    for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
      out.add(SbibmData.referenceObservation(sbibmName(), k));
    }
    return List.copyOf(out);
  }

  /** Names {@code prefix1..prefixN}. */
  static List<String> numbered(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(prefix + i);
    }
    return List.copyOf(names);
  }

  private interface RowRange {
    void run(int from, int to);
  }

  private static void forEachChunk(int n, RowRange body) {
    int chunks = (n + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range)
        .forEach(c -> body.run(c * PARALLEL_CHUNK, Math.min(n, (c + 1) * PARALLEL_CHUNK)));
  }

  private static boolean allFinite(double[] v) {
    for (double e : v) {
      if (!Double.isFinite(e)) {
        return false;
      }
    }
    return true;
  }

  private static void copyInto(double[] from, float[] to, int at) {
    for (int j = 0; j < from.length; j++) {
      to[at + j] = (float) from[j];
    }
  }
}
