package dev.inn.core.method;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.data.PairChunks;
import dev.inn.api.method.ChunkedTraining;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.training.Objective;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.observation.RaggedRows;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.Standardizer;
import dev.inn.core.param.SupportTransform;
import dev.inn.core.random.GaussianNoise;
import dev.inn.core.training.OptimizerConfig;
import dev.inn.core.training.Trainer;
import dev.inn.core.training.rows.ChunkStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What every gradient-trained posterior method shares (the INN, the cINN, every network
 * baseline): the problem's dimensions and their checks, the x and y standardisers (fixed
 * parameters, so save/load restores them), the thread pool, training through the shared
 * {@link Trainer}, and chunked sampling whose latent draws come first in one sequence, so the
 * samples do not depend on the chunk size or the number of threads.
 */
public abstract class LearnedMethod implements PosteriorMethod, ChunkedTraining {

  /** Runs a chunk's operations on the calling thread (the chunks themselves are spread over threads). */
  private static final RowParallel SERIAL = new RowParallel(1);

  private final String name;
  private final int xDim;
  private final int yDim;
  private final int threads;
  private final ObservationShape shape;
  private RowParallel parallel;
  // the sampling threads' arrays, kept between calls (inference allocates none in steady state)
  private final ThreadLocal<ArrayPool> samplingPools = ThreadLocal.withInitial(ArrayPool::new);
  private Standardizer xStandard;
  private Standardizer yStandard;
  // set while training from chunks: runTrainer then streams instead of using the rows in memory
  private ChunkStream stream;

  /**
   * @param name the method's name, used in messages and progress ("train NAME")
   * @param problem the problem it learns
   * @param threads threads for matrix products and sampling chunks
   */
  protected LearnedMethod(String name, Problem problem, int threads) {
    this(name, problem, threads, false);
  }

  /**
   * As {@link #LearnedMethod(String, Problem, int)}, for a method that also takes sets and
   * sequences ({@code takesRagged}); a method that does not refuses such a problem here.
   */
  protected LearnedMethod(String name, Problem problem, int threads, boolean takesRagged) {
    this.name = name;
    this.xDim = problem.parameterDim();
    this.yDim = problem.observationDim();
    this.threads = threads;
    this.shape = problem.observationShape();
    if (shape.ragged() && !takesRagged) {
      throw new dev.inn.api.settings.ConfigurationException("method", name + " conditions on observation vectors,"
          + " but problem '" + problem.name() + "' observes a " + shape.describe() + "; use cinn, whose summary"
          + " network learns from sets and sequences");
    }
  }

  /** What one observation is; for a set or sequence {@link #yDim()} is one element's width. */
  protected final ObservationShape shape() {
    return shape;
  }

  /** The fewest elements an observation set or sequence must have (1 unless a network needs more). */
  protected int minimumLength() {
    return 1;
  }

  /** The method's name, e.g. {@code "cvae"}. */
  public final String name() {
    return name;
  }

  /** Columns of x. */
  protected final int xDim() {
    return xDim;
  }

  /** Columns of y. */
  protected final int yDim() {
    return yDim;
  }

  /** The thread pool for matrix products and sampling, made on first use (one per method instance). */
  protected final synchronized RowParallel parallel() {
    if (parallel == null) {
      parallel = new RowParallel(threads);
    }
    return parallel;
  }

  /** A pool of one thread: the caller runs everything (for work already spread over threads in chunks). */
  protected static RowParallel serial() {
    return SERIAL;
  }

  /** Refuses training data whose columns do not match the problem. */
  protected final void checkData(Dataset data) {
    if (shape.ragged() || data.ragged()) {
      if (data.x().cols() != xDim) {
        throw new IllegalArgumentException(name + ": data has x " + data.x().cols() + " columns, the problem has "
            + xDim);
      }
      RaggedRows.check("train " + name + ": training observations", data.y(), data.lengths(), shape, minimumLength());
      Trainer.checkFinite("train " + name, new Dataset(data.x(), Matrix.zeros(data.size(), 1)));
      return;
    }
    if (data.x().cols() != xDim || data.y().cols() != yDim) {
      throw new IllegalArgumentException(name + ": data has x " + data.x().cols() + " and y " + data.y().cols()
          + " columns, the problem has " + xDim + " and " + yDim);
    }
    Trainer.checkFinite("train " + name, data);
  }

  /**
   * The map from the problem's declared prior support to unbounded coordinates when {@code wanted},
   * the identity when not or when the problem declares no support (an unbounded prior); a
   * support of the wrong width is refused.
   */
  protected final SupportTransform supportTransform(Problem problem, boolean wanted) {
    SupportTransform t = wanted && problem.support().isPresent()
        ? SupportTransform.of(problem.support().get()) : SupportTransform.identity(xDim);
    if (t.dim() != xDim) {
      throw new IllegalArgumentException(name + ": problem '" + problem.name() + "' declares a support of " + t.dim()
          + " parameters but has " + xDim);
    }
    return t;
  }

  /** Refuses an observation of the wrong length or with a non-finite value, and a negative sample count. */
  protected final void checkRequest(float[] observation, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(name + ": cannot draw " + n + " samples");
    }
    if (shape.ragged()) {
      // a set or sequence comes as its elements one after the other, as many as it has
      RaggedRows.checkOne(name + ": the observation", observation, shape, minimumLength());
      return;
    }
    if (observation.length != yDim) {
      throw new IllegalArgumentException(name + ": observation has " + observation.length + " values, the problem has "
          + yDim);
    }
    if (n < 0) {
      throw new IllegalArgumentException(name + ": cannot draw " + n + " samples");
    }
    for (int c = 0; c < observation.length; c++) {
      if (!Float.isFinite(observation[c])) {
        throw new IllegalArgumentException(name + ": observation value " + c + " is " + observation[c]);
      }
    }
  }

  /** Observations beyond this many training standard deviations from the training mean are flagged. */
  private static final double RANGE_SDS = 6;

  /**
   * The same check for every learned method, from the training statistics its y standardiser
   * keeps: a value far from the training observations, or different from the one value a column
   * had throughout training (the network never saw it vary). Nothing is said when the method
   * kept no statistics (standardisation switched off).
   */
  @Override
  public List<String> outOfRange(float[] observation) {
    checkRequest(observation, 0);
    // a set or sequence is checked element by element by the methods that take one
    if (shape.ragged() || yStandard == null || !yStandard.fitted()) {
      return List.of();
    }
    float[] z = yStandard.apply(observation);
    List<String> out = new ArrayList<>();
    for (int c = 0; c < z.length; c++) {
      if (yStandard.constant(c)) {
        if (observation[c] != yStandard.mean(c)) {
          out.add(String.format(Locale.ROOT, "observation value %d (%s) differs from the value %s it had in every"
              + " training simulation (the method never saw it vary)", c, observation[c], yStandard.mean(c)));
        }
      } else if (Math.abs(z[c]) > RANGE_SDS) {
        out.add(String.format(Locale.ROOT, "observation value %d (%s) is %.1f standard deviations from the training"
            + " observations' mean", c, observation[c], z[c]));
      }
    }
    return out;
  }

  /**
   * (Re)creates the x and y standardisers as fixed parameters of {@code scope} (identity until
   * {@link #fitStandardizers}); call it where the method builds its parameters.
   */
  protected final void addStandardizers(Parameters scope) {
    xStandard = new Standardizer(scope, "x", xDim);
    yStandard = new Standardizer(scope, "y", yDim);
  }

  /** Sets the standardisers from training data (x in the units the method learns in). */
  protected final void fitStandardizers(Matrix x, Matrix y) {
    xStandard.fit(x);
    yStandard.fit(y);
  }

  /**
   * As {@link #fitStandardizers(Matrix, Matrix)}; for sets and sequences ({@code lengths} not
   * empty) y per element channel over the real elements only.
   */
  protected final void fitStandardizers(Matrix x, Matrix y, int[] lengths) {
    if (lengths.length == 0) {
      fitStandardizers(x, y);
      return;
    }
    xStandard.fit(x);
    yStandard.fitElements(y, lengths);
  }

  /** x standardisation. */
  protected final Standardizer xStandard() {
    return xStandard;
  }

  /** y standardisation. */
  protected final Standardizer yStandard() {
    return yStandard;
  }

  /**
   * The rows in the units the networks learn in: x and y standardised (y per element channel for
   * sets and sequences). A method that maps x first (e.g. to unbounded coordinates) overrides it;
   * it must act row by row, as it is applied to each streamed chunk on its own.
   */
  protected Dataset learningUnits(Dataset raw) {
    return new Dataset(xStandard.apply(raw.x()), raw.ragged() ? yStandard.applyElements(raw.y(), raw.lengths())
        : yStandard.apply(raw.y()), raw.lengths());
  }

  /**
   * {@link #learningUnits} of the training pairs: what a method hands to {@link #runTrainer}, so
   * that training from chunks can prepare every chunk the same way.
   */
  protected final Dataset scale(Dataset raw) {
    Dataset scaled = learningUnits(raw);
    if (stream != null && raw == stream.sample()) {
      stream.scaled(scaled);
    }
    return scaled;
  }

  /**
   * Trains on every chunk of {@code pairs}, holding about {@code windowChunks} chunks at once
   * (see {@link ChunkStream} for what is held and where the result differs from training in
   * memory): the method's own training runs on a sample of {@code windowChunks} chunks (all
   * when the window covers them), which fixes the standardisation and the checks after
   * training, and its trainer pulls the batches from all chunks. A method that trains with a
   * loop of its own instead of {@link #runTrainer} is refused.
   */
  @Override
  public synchronized TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context) {
    stream = ChunkStream.open(pairs, windowChunks, context.seed());
    try {
      TrainingHistory history = train(stream.sample(), context);
      stream.checkTrainerStreamed(name);
      return history;
    } finally {
      stream = null;
    }
  }

  /** Trains {@code params} with the shared trainer, reported as {@code "train NAME"}. */
  protected final TrainingHistory runTrainer(OptimizerConfig optimizer, ParameterStore params, Dataset data,
      Objective objective, TrainingContext context) {
    return runTrainer(optimizer, params, data, objective, context, context.seed());
  }

  /** As {@link #runTrainer}, holding out the validation rows that {@code splitSeed} draws. */
  protected final TrainingHistory runTrainer(OptimizerConfig optimizer, ParameterStore params, Dataset data,
      Objective objective, TrainingContext context, long splitSeed) {
    if (stream != null) {
      return new Trainer(optimizer).run("train " + name, params, stream.rows(data, name, raw -> {
        checkData(raw);
        return learningUnits(raw);
      }, context.seed()), objective, context, parallel(), splitSeed);
    }
    return new Trainer(optimizer).run("train " + name, params, data, objective, context, parallel(), splitSeed);
  }

  /** Maps one chunk of latent rows to output rows. */
  @FunctionalInterface
  protected interface ChunkMap {
    /**
     * @param ops operations of this chunk (no gradients)
     * @param latent the chunk's latent rows (zero columns when the method draws none up front)
     * @param random the sampling generator after the latent draws (sequential chunks only; else null)
     * @return the chunk's output, one row per latent row
     */
    Matrix apply(Ops ops, Matrix latent, SplittableRandom random);
  }

  /**
   * {@code n} rows of {@code cols} columns from {@code map}, chunk by chunk. All
   * {@code latentCols} N(0, 1) latent values are drawn first from {@code seed} in one sequence,
   * so the result does not depend on the chunking. When the map draws further randomness
   * ({@code sequential}), the chunks run in order and get the same generator, its matrix
   * products spread over the threads; otherwise whole chunks run on the threads in parallel.
   *
   * @param chunkRows rows per chunk, a multiple of 4 (matrix kernels block rows by 4)
   */
  protected final Matrix sampleInChunks(int n, int cols, int latentCols, long seed, int chunkRows,
      boolean sequential, ChunkMap map) {
    SplittableRandom random = new SplittableRandom(seed);
    Matrix z = GaussianNoise.draw(random, n, latentCols, 1f);
    float[] out = new float[n * cols];
    int chunks = (n + chunkRows - 1) / chunkRows;
    if (sequential) {
      ArrayPool pool = new ArrayPool();
      for (int c = 0; c < chunks; c++) {
        copyChunk(map, new Graph(pool, parallel(), false), z, random, c, chunkRows, n, cols, out);
        pool.releaseAll();
      }
    } else {
      // chunk by chunk to whichever thread is free (an even split of whole row blocks can leave
      // one thread 12 chunks and the other 8); each thread reuses its own pool across calls,
      // except for a single small chunk (one sample's latency), whose few fresh arrays lie
      // together in memory (measured 0.023 ms against 0.028 ms from the shared pool)
      parallel().each(chunks, c -> {
        ArrayPool pool = chunks == 1 ? new ArrayPool() : samplingPools.get();
        try {
          copyChunk(map, new Graph(pool, SERIAL, false), z, null, c, chunkRows, n, cols, out);
        } finally {
          pool.releaseAll();
        }
      });
    }
    return new Matrix(n, cols, out);
  }

  private static void copyChunk(ChunkMap map, Graph g, Matrix z, SplittableRandom random, int chunk, int chunkRows,
      int n, int cols, float[] out) {
    int from = chunk * chunkRows;
    int rows = Math.min(chunkRows, n - from);
    Matrix x = map.apply(g, z.rows(from, from + rows), random);
    if (x.rows() != rows || x.cols() != cols) {
      throw new IllegalStateException("a sampling chunk of " + rows + " rows gave " + x.rows() + " x " + x.cols()
          + ", expected " + rows + " x " + cols);
    }
    System.arraycopy(x.data(), 0, out, from * cols, x.data().length);
  }
}
