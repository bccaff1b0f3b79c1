package dev.inn.baselines.method;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.param.Standardizer;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.training.SampleHealth;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A posterior method made of neural networks that maps [noise, y*] (or y* alone) to x. Works
 * in standardised units: x and y are shifted and scaled by the training data's column means
 * and deviations (when enabled), stored as fixed parameters so that save/load restores them.
 * Subclasses build their networks, train on standardised data, and generate standardised x
 * for a batch of standardised observations.
 */
public abstract class NetworkMethod implements PosteriorMethod {

  private static final int SAMPLE_CHUNK = 8192;

  private final String name;
  private final int xDim;
  private final int yDim;
  private final boolean standardize;
  private final int threads;
  private Standardizer xNorm;
  private Standardizer yNorm;
  private RowParallel parallel;

  protected NetworkMethod(String name, Problem problem, boolean standardize, int threads) {
    this.name = name;
    this.xDim = problem.parameterDim();
    this.yDim = problem.observationDim();
    this.standardize = standardize;
    this.threads = threads;
  }

  /**
   * (Re)creates every parameter with initial values from {@code seed}; must call
   * {@link #addStandardizers} on one of its stores. Subclass constructors call build(0).
   */
  protected abstract void build(long seed);

  /** The stores holding every parameter, in a fixed order (saved and loaded in that order). */
  protected abstract List<ParameterStore> stores();

  /** Trains on data already standardised; the parameters were just built from the context's seed. */
  protected abstract TrainingHistory fit(Dataset scaled, TrainingContext context);

  /**
   * Standardised x for every row of the standardised observations {@code y}, drawing any
   * randomness (latent noise, dropout masks) from {@code random}.
   */
  protected abstract Tensor generate(Ops ops, Matrix y, SplittableRandom random);

  protected final void addStandardizers(Parameters scope) {
    xNorm = new Standardizer(scope, "x", xDim);
    yNorm = new Standardizer(scope, "y", yDim);
  }

  public final String name() {
    return name;
  }

  protected final int xDim() {
    return xDim;
  }

  protected final int yDim() {
    return yDim;
  }

  /** The thread pool for matrix products, made on first use (one per method instance). */
  protected final RowParallel parallel() {
    if (parallel == null) {
      parallel = new RowParallel(threads);
    }
    return parallel;
  }

  /** Number of trainable weights of all networks. */
  public final long parameterCount() {
    return stores().stream().mapToLong(ParameterStore::trainableCount).sum();
  }

  @Override
  public final synchronized TrainingHistory train(Dataset data, TrainingContext context) {
    if (data.x().cols() != xDim || data.y().cols() != yDim) {
      throw new IllegalArgumentException(name + ": data has x " + data.x().cols() + " and y " + data.y().cols()
          + " columns, the problem has " + xDim + " and " + yDim);
    }
    build(context.seed());
    if (standardize) {
      xNorm.fit(data.x());
      yNorm.fit(data.y());
    }
    TrainingHistory history = fit(new Dataset(xNorm.apply(data.x()), yNorm.apply(data.y())), context);
    // a diverged network is refused here, not saved or scored as a bad row
    SampleHealth.check(name, sample(data.y().row(0), 256, 1), data.x(),
        "lower lr (now " + learningRate() + ")");
    return history;
  }

  /** The learning rate training used, named when the health check after training fails. */
  protected abstract double learningRate();

  @Override
  public final synchronized Matrix sample(float[] observation, int n, long seed) {
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
    float[] y = yNorm.apply(observation);
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[n * xDim];
    ArrayPool pool = new ArrayPool();
    for (int from = 0; from < n; from += SAMPLE_CHUNK) {
      int rows = Math.min(SAMPLE_CHUNK, n - from);
      Graph g = new Graph(pool, parallel(), false);
      Matrix x = xNorm.invert(generate(g, Matrix.repeatRow(y, rows), random).value());
      System.arraycopy(x.data(), 0, out, from * xDim, rows * xDim);
      pool.releaseAll();
    }
    return new Matrix(n, xDim, out);
  }

  @Override
  public final synchronized void save(DataOutput out) throws IOException {
    for (ParameterStore s : stores()) {
      s.write(out);
    }
  }

  @Override
  public final synchronized void load(DataInput in) throws IOException {
    build(0);
    for (ParameterStore s : stores()) {
      s.read(in);
    }
  }

  /** A rows x cols matrix of independent N(0, 1) draws. */
  protected static Matrix gaussian(SplittableRandom random, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextGaussian();
    }
    return new Matrix(rows, cols, d);
  }
}
