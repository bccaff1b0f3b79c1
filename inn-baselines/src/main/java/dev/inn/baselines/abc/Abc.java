package dev.inn.baselines.abc;

import dev.inn.core.persistence.MatrixIo;
import dev.inn.api.method.SimulationCounting;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Approximate Bayesian computation by rejection (paper appendix Sec. 7): prior draws are
 * simulated and kept when their output is close to y*. It learns nothing; {@link #train} only
 * checks that the problem has a prior and a simulator.
 *
 * <p>Work is split into fixed chunks of {@code chunk_size} simulations whose random streams
 * derive from the seed and the chunk index, and chunks run on {@code threads} workers. Threshold
 * ABC accepts in chunk order and returns the first n accepted, quantile ABC ranks by (distance,
 * simulation index); both therefore give identical samples for any thread count.
 * {@link #lastRunStats()} reports the simulations and acceptance rate of the last call.
 */
public final class Abc implements PosteriorMethod, SimulationCounting {

  private static final int FIRST_WAVE_CHUNKS = 4;
  private static final int MAX_WAVE_CHUNKS = 256;
  private static final String FORMAT = "inn-abc";
  private static final int FORMAT_VERSION = 1;

  /** Samples plus what they cost. */
  public record Result(Matrix samples, AbcRunStats stats) {
  }

  private final Problem problem;
  private final AbcConfig config;
  private volatile AbcRunStats lastRunStats;
  private Dataset pool;

  public Abc(Problem problem, AbcConfig config) {
    this.problem = problem;
    this.config = config;
  }

  public AbcConfig config() {
    return config;
  }

  /** Checks the problem can be simulated; there is nothing to learn. */
  @Override
  public TrainingHistory train(Dataset data, TrainingContext context) {
    if (config.mode() == AbcMode.POOL) {
      if (data.x().cols() != problem.parameterDim() || data.y().cols() != problem.observationDim()) {
        throw new IllegalArgumentException("abc: training pairs have " + data.x().cols() + " and " + data.y().cols()
            + " columns, problem '" + problem.name() + "' has " + problem.parameterDim() + " and "
            + problem.observationDim());
      }
      pool = data;
      return TrainingHistory.empty();
    }
    requirePrior();
    requireSimulator();
    return TrainingHistory.empty();
  }

  /**
   * The {@code keep} pool pairs nearest to the observation (ties broken by row index), then
   * n draws from them: all of them in order when n equals keep, else with replacement.
   */
  private Result fromPool(float[] observation, int n, long seed, long start) {
    if (pool == null) {
      throw new IllegalStateException("abc with mode = \"pool\" samples from its training pairs: train it first");
    }
    int kept = Math.min(config.keep(), pool.size());
    int dy = observation.length;
    double[] dist = new double[pool.size()];
    Integer[] order = new Integer[pool.size()];
    for (int i = 0; i < dist.length; i++) {
      double s = 0;
      for (int c = 0; c < dy; c++) {
        double d = pool.y().get(i, c) - observation[c];
        s += d * d;
      }
      dist[i] = Math.sqrt(s);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
    int[] rows = new int[n];
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      rows[i] = order[n == kept ? i : random.nextInt(kept)];
    }
    Matrix drawn = pool.x().selectRows(rows);
    if (config.kde()) {
      drawn = smoothed(drawn, pool.x().selectRows(Arrays.stream(order, 0, kept).mapToInt(Integer::intValue).toArray()),
          random);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(drawn,
        new AbcRunStats(AbcMode.POOL, kept, pool.size(), 0, dist[order[kept - 1]], seconds));
  }

  /** Each draw plus Gaussian noise of Scott's bandwidth sd * k^(-1/(d+4)) per parameter of the k kept points. */
  private static Matrix smoothed(Matrix draws, Matrix kept, java.util.SplittableRandom random) {
    int d = kept.cols();
    double factor = Math.pow(kept.rows(), -1.0 / (d + 4));
    double[] h = kept.columnStandardDeviations();
    for (int c = 0; c < d; c++) {
      h[c] *= factor;
    }
    float[] out = draws.data().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (float) (h[i % d] * random.nextGaussian());
    }
    return new Matrix(draws.rows(), d, out);
  }

  @Override
  public Matrix sample(float[] observation, int n, long seed) {
    return sampleWithStats(observation, n, seed).samples();
  }

  /**
   * The stats of the most recent {@link #sample} or {@link #sampleWithStats} call on this
   * instance (null before the first); with concurrent callers prefer {@link #sampleWithStats}.
   */
  public AbcRunStats lastRunStats() {
    return lastRunStats;
  }

  /** {@code n} ABC posterior draws for {@code observation} and the simulations they took. */
  @Override
  public Counted sampleCounted(float[] observation, int n, long seed) {
    Result r = sampleWithStats(observation, n, seed);
    return new Counted(r.samples(), r.stats().accepted(), r.stats().simulations(), r.stats().invalidSimulations());
  }

  public Result sampleWithStats(float[] observation, int n, long seed) {
    if (config.mode() == AbcMode.POOL) {
      checkObservation(observation);
      Result r = fromPool(observation, n, seed, System.nanoTime());
      lastRunStats = r.stats();
      return r;
    }
    Problem.Prior prior = requirePrior();
    Simulator simulator = requireSimulator();
    checkObservation(observation);
    if (n < 1) {
      throw new IllegalArgumentException("ABC needs n >= 1 samples, got " + n);
    }
    long start = System.nanoTime();
    Result r;
    try (SimulationChunks chunks = new SimulationChunks(prior, simulator, observation.clone(), seed,
        config.effectiveThreads())) {
      r = config.mode() == AbcMode.THRESHOLD ? threshold(chunks, observation, n, start)
          : quantile(chunks, n, start);
    }
    lastRunStats = r.stats();
    return r;
  }

  private Result threshold(SimulationChunks chunks, float[] observation, int n, long start) {
    int dim = problem.parameterDim();
    float[] out = new float[n * dim];
    int accepted = 0;
    long sims = 0;
    long invalid = 0;
    long nextChunk = 0;
    double maxDist = 0;
    int wave = FIRST_WAVE_CHUNKS;
    while (accepted < n) {
      if (sims >= config.maxSimulations()) {
        throw new AbcBudgetExceededException(String.format(
            "threshold ABC for problem '%s' accepted only %d of the %d requested samples in %d simulations "
                + "(acceptance rate %.3g, epsilon %s, observation %s); increase 'epsilon' or 'max_simulations', "
                + "or use mode = \"quantile\"",
            problem.name(), accepted, n, sims, (double) accepted / sims, config.epsilon(),
            Arrays.toString(observation)), accepted, sims);
      }
      int[] sizes = plan(wave, config.maxSimulations() - sims);
      for (SimulationChunks.Chunk c : chunks.run(nextChunk, sizes)) {
        sims += c.distance().length;
        invalid += c.invalid();
        for (int i = 0; i < c.distance().length && accepted < n; i++) {
          double d = c.distance()[i];
          if (d < config.epsilon()) {
            System.arraycopy(c.x().data(), i * dim, out, accepted * dim, dim);
            accepted++;
            maxDist = Math.max(maxDist, d);
          }
        }
      }
      nextChunk += sizes.length;
      // size the next wave from the acceptance so far; it depends on results only, not on threads
      wave = accepted == 0 ? Math.min(2 * wave, MAX_WAVE_CHUNKS)
          : (int) Math.max(1, Math.min(MAX_WAVE_CHUNKS,
              Math.ceil(1.2 * (n - accepted) * sims / (double) accepted / config.chunkSize())));
    }
    return new Result(new Matrix(n, dim, out),
        new AbcRunStats(AbcMode.THRESHOLD, n, sims, invalid, maxDist, seconds(start)));
  }

  /** Candidate row for the quantile ranking. */
  private record Candidate(double distance, long index, float[] x) {
  }

  private static final Comparator<Candidate> CLOSEST_FIRST =
      Comparator.comparingDouble(Candidate::distance).thenComparingLong(Candidate::index);

  private Result quantile(SimulationChunks chunks, int n, long start) {
    long total = (long) Math.ceil(n / config.quantile());
    if (total > config.maxSimulations()) {
      throw new IllegalArgumentException(String.format(
          "quantile ABC for problem '%s' needs ceil(%d / %s) = %d simulations, more than max_simulations = %d; "
              + "raise 'quantile' or 'max_simulations'", problem.name(), n, config.quantile(), total,
          config.maxSimulations()));
    }
    int dim = problem.parameterDim();
    List<Candidate> best = new ArrayList<>();
    long sims = 0;
    long invalid = 0;
    long nextChunk = 0;
    Candidate cutoff = null; // the n-th closest after the last trim; only ever tightens
    while (sims < total) {
      int[] sizes = plan(MAX_WAVE_CHUNKS, total - sims);
      for (SimulationChunks.Chunk c : chunks.run(nextChunk, sizes)) {
        long base = c.index() * config.chunkSize();
        for (int i = 0; i < c.distance().length; i++) {
          double d = c.distance()[i];
          if (d != Double.POSITIVE_INFINITY
              && (cutoff == null || CLOSEST_FIRST.compare(new Candidate(d, base + i, null), cutoff) < 0)) {
            best.add(new Candidate(d, base + i, Arrays.copyOfRange(c.x().data(), i * dim, (i + 1) * dim)));
          }
        }
        sims += c.distance().length;
        invalid += c.invalid();
        // keep the n closest so far (sorted), so memory stays O(n + one wave)
        best.sort(CLOSEST_FIRST);
        if (best.size() > n) {
          best.subList(n, best.size()).clear();
        }
        cutoff = best.size() == n ? best.get(n - 1) : null;
      }
      nextChunk += sizes.length;
    }
    if (best.size() < n) {
      throw new IllegalStateException(String.format(
          "quantile ABC for problem '%s': only %d of %d simulations were valid, fewer than the %d samples requested",
          problem.name(), best.size(), total, n));
    }
    float[] out = new float[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(best.get(i).x(), 0, out, i * dim, dim);
    }
    return new Result(new Matrix(n, dim, out),
        new AbcRunStats(AbcMode.QUANTILE, n, sims, invalid, best.get(n - 1).distance(), seconds(start)));
  }

  /** Chunk sizes for a wave of up to {@code chunks} chunks within {@code budget} simulations. */
  private int[] plan(int chunks, long budget) {
    int size = config.chunkSize();
    long count = Math.min(chunks, (budget + size - 1) / size);
    int[] sizes = new int[(int) count];
    Arrays.fill(sizes, size);
    if (count > 0 && count * size > budget) {
      sizes[sizes.length - 1] = (int) (budget - (count - 1) * size);
    }
    return sizes;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private void checkObservation(float[] observation) {
    if (observation.length != problem.observationDim()) {
      throw new IllegalArgumentException("ABC for problem '" + problem.name() + "': the observation has "
          + observation.length + " values, the problem's y has " + problem.observationDim());
    }
    for (int i = 0; i < observation.length; i++) {
      if (!Float.isFinite(observation[i])) {
        throw new IllegalArgumentException("ABC for problem '" + problem.name() + "': observation value "
            + problem.observationNames().get(i) + " is " + observation[i]);
      }
    }
  }

  private Problem.Prior requirePrior() {
    return problem.prior().orElseThrow(() -> new IllegalStateException("method 'abc' needs a problem with a prior; '"
        + problem.name() + "' has none (e.g. a data set problem); use a learned method instead"));
  }

  private Simulator requireSimulator() {
    return problem.simulator().orElseThrow(() -> new IllegalStateException("method 'abc' needs a problem with a "
        + "forward simulator; '" + problem.name() + "' has none (e.g. a data set problem); use a learned method instead"));
  }

  /** Writes only the settings that shape the samples: ABC has no learned state. */
  @Override
  public void save(DataOutput out) throws IOException {
    out.writeUTF(FORMAT);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(problem.name());
    out.writeUTF(config.mode().settingName());
    out.writeDouble(config.epsilon());
    out.writeDouble(config.quantile());
    out.writeLong(config.maxSimulations());
    out.writeInt(config.chunkSize());
    if (config.mode() == AbcMode.POOL) {
      MatrixIo.write(out, pool.x());
      MatrixIo.write(out, pool.y());
    }
  }

  /** Reads what {@link #save} wrote and checks it matches this instance's settings. */
  @Override
  public void load(DataInput in) throws IOException {
    String format = in.readUTF();
    if (!FORMAT.equals(format)) {
      throw new IOException("not a saved ABC method (format '" + format + "')");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("saved ABC method has format version " + version + ", this build reads " + FORMAT_VERSION);
    }
    expect("problem", in.readUTF(), problem.name());
    expect("mode", in.readUTF(), config.mode().settingName());
    expect("epsilon", in.readDouble(), config.epsilon());
    expect("quantile", in.readDouble(), config.quantile());
    expect("max_simulations", in.readLong(), config.maxSimulations());
    expect("chunk_size", in.readInt(), config.chunkSize());
    if (config.mode() == AbcMode.POOL) {
      pool = new Dataset(MatrixIo.read(in), MatrixIo.read(in));
    }
  }

  private static void expect(String key, Object saved, Object mine) throws IOException {
    if (!saved.equals(mine)) {
      throw new IOException("saved ABC method has " + key + " = " + saved + " but this instance was created with "
          + mine + "; create it with the saved settings");
    }
  }
}
