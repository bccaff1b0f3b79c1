package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.data.PairChunks;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.training.MethodToolkit;
import dev.inn.api.training.Objective;
import dev.inn.api.training.TrainingSchedule;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.observation.RaggedRows;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.Standardizer;
import dev.inn.core.param.SupportTransform;
import dev.inn.core.random.GaussianNoise;
import dev.inn.core.training.rows.ChunkStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The core's {@link MethodToolkit}, which every trainable method uses (the INN, the cINN, every
 * network baseline, and plugin methods through {@link dev.inn.api.training.TrainingEngine}):
 * the problem's dimensions and their checks, the x and y standardisers (fixed parameters, so
 * save/load restores them), the thread pool, training through the shared {@link Trainer}, and
 * chunked sampling whose latent draws come first in one sequence, so the samples do not depend
 * on the chunk size or the number of threads.
 */
public final class GraphMethodToolkit implements MethodToolkit {

  /** Runs a chunk's operations on the calling thread (the chunks themselves are spread over threads). */
  private static final RowParallel SERIAL = new RowParallel(1);

  private final String name;
  private final int xDim;
  private final int yDim;
  private final int threads;
  private final ObservationShape shape;
  private final int minimumLength;
  private RowParallel parallel;
  // the sampling threads' arrays, kept between calls (inference allocates none in steady state)
  private final ThreadLocal<ArrayPool> samplingPools = ThreadLocal.withInitial(ArrayPool::new);
  private Standardizer xStandard;
  private Standardizer yStandard;
  private UnaryOperator<Dataset> learningUnits;
  // set while training from chunks: train then streams instead of using the rows in memory
  private volatile ChunkStream stream;

  /**
   * @param name the method's name, used in messages and progress ("train NAME")
   * @param problem the problem it learns
   * @param threads threads for matrix products and sampling chunks (0: one per core)
   * @param minimumLength the fewest elements of an observation set or sequence; 0 for a method
   *     that conditions on vectors only, which refuses a problem with sets or sequences
   */
  public GraphMethodToolkit(String name, Problem problem, int threads, int minimumLength) {
    if (threads < 0 || minimumLength < 0) {
      throw new IllegalArgumentException(name + ": threads and minimum length must not be negative");
    }
    this.name = name;
    this.xDim = problem.parameterDim();
    this.yDim = problem.observationDim();
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.shape = problem.observationShape();
    this.minimumLength = Math.max(1, minimumLength);
    if (shape.ragged() && minimumLength == 0) {
      throw new ConfigurationException("method", name + " conditions on observation vectors, but problem '"
          + problem.name() + "' observes a " + shape.describe() + "; use cinn, whose summary network learns from"
          + " sets and sequences");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ObservationShape shape() {
    return shape;
  }

  /** The fewest elements an observation set or sequence must have. */
  public int minimumLength() {
    return minimumLength;
  }

  @Override
  public int xDim() {
    return xDim;
  }

  @Override
  public int yDim() {
    return yDim;
  }

  /** The thread pool for matrix products and sampling, made on first use (one per method instance). */
  public synchronized RowParallel parallel() {
    if (parallel == null) {
      parallel = new RowParallel(threads);
    }
    return parallel;
  }

  /** A pool of one thread: the caller runs everything (for work already spread over threads in chunks). */
  public static RowParallel serial() {
    return SERIAL;
  }

  @Override
  public void checkData(Dataset data) {
    if (shape.ragged() || data.ragged()) {
      if (data.x().cols() != xDim) {
        throw new IllegalArgumentException(name + ": data has x " + data.x().cols() + " columns, the problem has "
            + xDim);
      }
      RaggedRows.check("train " + name + ": training observations", data.y(), data.lengths(), shape, minimumLength);
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
  @Override
  public SupportTransform supportMap(Problem problem, boolean wanted) {
    SupportTransform t = wanted && problem.support().isPresent()
        ? SupportTransform.of(problem.support().get()) : SupportTransform.identity(xDim);
    if (t.dim() != xDim) {
      throw new IllegalArgumentException(name + ": problem '" + problem.name() + "' declares a support of " + t.dim()
          + " parameters but has " + xDim);
    }
    return t;
  }

  /** Refuses an observation of the wrong length or with a non-finite value, and a negative sample count. */
  @Override
  public void checkRequest(float[] observation, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(name + ": cannot draw " + n + " samples");
    }
    if (shape.ragged()) {
      // a set or sequence comes as its elements one after the other, as many as it has
      RaggedRows.checkOne(name + ": the observation", observation, shape, minimumLength);
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

  @Override
  public void addStandardizers(Parameters scope) {
    xStandard = new Standardizer(scope, "x", xDim);
    yStandard = new Standardizer(scope, "y", yDim);
  }

  @Override
  public void fitStandardizers(Matrix x, Matrix y, int[] lengths) {
    xStandard.fit(x);
    if (lengths.length == 0) {
      yStandard.fit(y);
    } else {
      yStandard.fitElements(y, lengths);
    }
  }

  @Override
  public Standardizer xStandard() {
    return xStandard;
  }

  @Override
  public Standardizer yStandard() {
    return yStandard;
  }

  /**
   * Sets how raw training pairs become the rows the networks learn from (by default x and y
   * standardised, y per element channel for sets and sequences). A method that maps x first
   * (e.g. onto the real line) sets its own; it must act row by row, as it is applied to each
   * streamed chunk on its own.
   */
  public void learnIn(UnaryOperator<Dataset> units) {
    this.learningUnits = units;
  }

  private Dataset learningUnits(Dataset raw) {
    if (learningUnits != null) {
      return learningUnits.apply(raw);
    }
    return new Dataset(xStandard.apply(raw.x()), raw.ragged() ? yStandard.applyElements(raw.y(), raw.lengths())
        : yStandard.apply(raw.y()), raw.lengths());
  }

  /**
   * The training pairs in learning units ({@link #learnIn}): what a method hands to
   * {@link #train}, so that training from chunks can prepare every chunk the same way.
   */
  public Dataset scale(Dataset raw) {
    Dataset scaled = learningUnits(raw);
    ChunkStream s = stream;
    if (s != null && raw == s.sample()) {
      s.scaled(scaled);
    }
    return scaled;
  }

  /**
   * Trains on every chunk of {@code pairs}, holding about {@code windowChunks} chunks at once
   * (see {@link ChunkStream} for what is held and where the result differs from training in
   * memory): the method's own training ({@code trainInMemory}) runs on a sample of
   * {@code windowChunks} chunks (all when the window covers them), which fixes the
   * standardisation and the checks after training, and its trainer pulls the batches from all
   * chunks. A method that trains with a loop of its own instead of {@link #train} is refused.
   */
  public synchronized TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context,
      Function<Dataset, TrainingHistory> trainInMemory) {
    stream = ChunkStream.open(pairs, windowChunks, context.seed());
    try {
      TrainingHistory history = trainInMemory.apply(stream.sample());
      stream.checkTrainerStreamed(name);
      return history;
    } finally {
      stream = null;
    }
  }

  @Override
  public TrainingHistory train(Parameters model, Dataset data, Objective objective, TrainingSchedule schedule,
      TrainingContext context, long splitSeed) {
    return train(ParameterStore.of(model), data, objective, OptimizerConfig.of(schedule), context, splitSeed);
  }

  /**
   * As {@link #train(Parameters, Dataset, Objective, TrainingSchedule, TrainingContext, long)}, on a
   * store; while training from chunks the batches come from every chunk.
   */
  public TrainingHistory train(ParameterStore params, Dataset data, Objective objective, OptimizerConfig schedule,
      TrainingContext context, long splitSeed) {
    ChunkStream s = stream;
    if (s != null) {
      return new Trainer(schedule).run("train " + name, params, s.rows(data, name, raw -> {
        checkData(raw);
        return learningUnits(raw);
      }, context.seed()), objective, context, parallel(), splitSeed);
    }
    return new Trainer(schedule).run("train " + name, params, data, objective, context, parallel(), splitSeed);
  }

  @Override
  public Matrix sampleInChunks(int n, int cols, int latentCols, long seed, int chunkRows,
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
