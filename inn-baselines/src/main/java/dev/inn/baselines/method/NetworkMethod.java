package dev.inn.baselines.method;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.PairChunks;
import dev.inn.api.method.ChunkedTraining;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.training.GraphMethodToolkit;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.random.GaussianNoise;
import dev.inn.core.training.OptimizerConfig;
import dev.inn.core.training.SampleHealth;
import dev.inn.api.training.Objective;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A baseline made of neural networks that maps [noise, y*] (or y* alone) to x, on the method
 * toolkit every trainable method uses ({@link dev.inn.api.training.MethodToolkit}: checks,
 * standardisation, trainer, chunked sampling). Works in
 * standardised units when enabled. Subclasses build their networks, train on standardised
 * data, and generate standardised x for a chunk of standardised observations.
 */
public abstract class NetworkMethod implements PosteriorMethod, ChunkedTraining {

  /** Rows per sampling chunk when whole chunks run on the threads. */
  private static final int PARALLEL_CHUNK = 512;
  /** Rows per chunk when the generator draws while generating (the chunks then run in order). */
  private static final int SEQUENTIAL_CHUNK = 8192;

  private final boolean standardize;
  private final OptimizerConfig optimizer;
  private final int problemLatentDim;

  /** The shared toolkit: checks, standardisation, trainer, chunked sampling. */
  protected final GraphMethodToolkit kit;

  /**
   * @param standardize whether to work in standardised units
   * @param optimizer how the networks train (and on how many threads)
   */
  protected NetworkMethod(String name, Problem problem, boolean standardize, OptimizerConfig optimizer) {
    this.kit = new GraphMethodToolkit(name, problem, optimizer.threads(), 0);
    this.standardize = standardize;
    this.optimizer = optimizer;
    this.problemLatentDim = problem.latentDim();
  }

  /** The method's name, e.g. {@code "cvae"}. */
  public final String name() {
    return kit.name();
  }

  /** Columns of x. */
  protected final int xDim() {
    return kit.xDim();
  }

  /** Columns of y. */
  protected final int yDim() {
    return kit.yDim();
  }

  /** The width of a latent input: {@code configured}, or the problem's latent dimension when that is 0. */
  protected final int latentDim(int configured) {
    return configured > 0 ? configured : problemLatentDim;
  }

  /** The optimiser settings the networks train with. */
  protected final OptimizerConfig optimizer() {
    return optimizer;
  }

  /** Trains the parameters of {@code params} on {@code objective} with the shared trainer and this method's schedule. */
  protected final TrainingHistory trainOn(ParameterStore params, Dataset scaled, Objective objective,
      TrainingContext context) {
    return kit.train(params, scaled, objective, optimizer, context, context.seed());
  }

  @Override
  public List<String> outOfRange(float[] observation) {
    return kit.outOfRange(observation);
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

  /** Columns of N(0, 1) latent noise each sample starts from (drawn up front, in one sequence). */
  protected abstract int noiseColumns();

  /**
   * Standardised x for every row of the standardised observations {@code y}.
   *
   * @param latent one row of {@link #noiseColumns()} N(0, 1) values per row of y
   * @param random the sampling generator, for methods that {@link #drawsWhileGenerating()} (else null)
   */
  protected abstract Tensor generate(Ops ops, Matrix y, Matrix latent, SplittableRandom random);

  /** Whether {@link #generate} draws further randomness (e.g. dropout masks), which keeps the chunks in order. */
  protected boolean drawsWhileGenerating() {
    return false;
  }

  /** Number of trainable weights of all networks. */
  public final long parameterCount() {
    return stores().stream().mapToLong(ParameterStore::trainableCount).sum();
  }

  @Override
  public final synchronized TrainingHistory train(Dataset data, TrainingContext context) {
    kit.checkData(data);
    build(context.seed());
    if (standardize) {
      kit.fitStandardizers(data.x(), data.y(), new int[0]);
    }
    TrainingHistory history = fit(kit.scale(data), context);
    // a diverged network is refused here, not saved or scored as a bad row
    SampleHealth.check(name(), sample(data.y().row(0), 256, 1), data.x(),
        "lower lr (now " + optimizer.lr() + ")");
    return history;
  }

  @Override
  public final synchronized Matrix sample(float[] observation, int n, long seed) {
    kit.checkRequest(observation, n);
    float[] y = kit.yStandard().apply(observation);
    boolean sequential = drawsWhileGenerating();
    return kit.sampleInChunks(n, xDim(), noiseColumns(), seed, sequential ? SEQUENTIAL_CHUNK : PARALLEL_CHUNK, sequential,
        (ops, latent, random) -> kit.xStandard().invert(
            generate(ops, Matrix.repeatRow(y, latent.rows()), latent, random).value()));
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

  /**
   * The shared optimiser keys as the network baselines start from them: the trainer's defaults
   * with 5000 fixed steps, the paper's budget for its baselines; each baseline sets its own
   * batch and learning rates on top.
   */
  public static Map<String, Object> optimizerDefaults() {
    Map<String, Object> d = new HashMap<>(OptimizerConfig.defaults());
    d.put("steps", 5000);
    return Map.copyOf(d);
  }

  /** A rows x cols matrix of independent N(0, 1) draws. */
  protected static Matrix gaussian(SplittableRandom random, int rows, int cols) {
    return GaussianNoise.draw(random, rows, cols, 1f);
  }

  /** Trains from chunks through the toolkit: this method's own training on a sample, its batches from every chunk. */
  @Override
  public TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context) {
    return kit.train(pairs, windowChunks, context, sample -> train(sample, context));
  }
}
