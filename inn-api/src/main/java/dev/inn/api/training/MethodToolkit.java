package dev.inn.api.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every trainable posterior method shares, built-in or plugin: the problem's dimensions
 * and the checks of training data and observations, x and y standardisation kept with the
 * model, the map onto a bounded prior support, training with the project's trainer (fixed steps
 * or epochs with early stopping on a {@link ValidationSplit}), and chunked sampling whose latent
 * draws come first in one sequence. One toolkit per method instance, made by
 * {@link TrainingEngine#toolkit} or {@link TrainingEngine#raggedToolkit}.
 */
public interface MethodToolkit {

  /** @return the method's name, used in messages and progress ("train NAME") */
  String name();

  /** @return what one observation is; for a set or sequence {@link #yDim()} is one element's width */
  ObservationShape shape();

  /** @return columns of x */
  int xDim();

  /** @return columns of y (one element's width for sets and sequences) */
  int yDim();

  /**
   * Refuses training data whose columns do not match the problem or that hold a non-finite
   * value, naming the row and column.
   *
   * @param data the training pairs
   */
  void checkData(Dataset data);

  /**
   * Refuses an observation of the wrong length or with a non-finite value, and a negative count.
   *
   * @param observation one observation (a set's or sequence's elements one after the other)
   * @param n the number of samples asked for
   */
  void checkRequest(float[] observation, int n);

  /**
   * The check every trainable method shares, from the statistics its y standardisation keeps:
   * values far from the training observations or different from a column's only training value.
   *
   * @param observation one observation
   * @return one message per problem found; empty without fitted standardisation
   */
  List<String> outOfRange(float[] observation);

  /**
   * (Re)creates the x and y standardisations as fixed parameters of {@code scope} (identity
   * until {@link #fitStandardizers}); call it where the method builds its parameters.
   *
   * @param scope where the standardisations' parameters live (saved with the model)
   */
  void addStandardizers(Parameters scope);

  /**
   * Fits both standardisations to training data.
   *
   * @param x parameters in the units the method learns in
   * @param y observations
   * @param lengths each row's number of elements for sets and sequences, else empty
   */
  void fitStandardizers(Matrix x, Matrix y, int[] lengths);

  /** @return the x standardisation of the latest {@link #addStandardizers} */
  Standardization xStandard();

  /** @return the y standardisation of the latest {@link #addStandardizers} */
  Standardization yStandard();

  /**
   * The map from the problem's prior support onto the real line when {@code wanted}, the
   * identity when not or when the problem declares no support.
   *
   * @param problem the problem
   * @param wanted whether the method maps onto the support
   * @return the map; a support of the wrong width is refused
   */
  SupportMap supportMap(Problem problem, boolean wanted);

  /**
   * Trains every trainable parameter of a model with the shared trainer, reported as
   * {@code "train NAME"}.
   *
   * @param model the root scope of the model ({@link TrainableModel#parameters()})
   * @param data the training pairs, in the units the objective expects
   * @param objective the loss terms of a batch
   * @param schedule the optimiser settings
   * @param context the seed of batches and noise, and the progress listener
   * @param splitSeed the seed of the epoch schedule's {@link ValidationSplit} (runs that share it
   *     hold out the same rows)
   * @return the per-term loss history
   */
  TrainingHistory train(Parameters model, Dataset data, Objective objective, TrainingSchedule schedule,
      TrainingContext context, long splitSeed);

  /**
   * {@code n} rows of {@code cols} columns from {@code map}, chunk by chunk. All
   * {@code latentCols} N(0, 1) latent values are drawn first from {@code seed} in one
   * sequence, so the result does not depend on the chunking or the thread count. When the map
   * draws further randomness ({@code sequential}), the chunks run in order and share the
   * generator; otherwise whole chunks run on the threads at once.
   *
   * @param n rows
   * @param cols columns of each output row
   * @param latentCols latent N(0, 1) columns drawn up front (may be 0)
   * @param seed the sampling seed
   * @param chunkRows rows per chunk, a multiple of 4
   * @param sequential whether the map draws from the generator
   * @param map one chunk's latent rows to its output rows
   * @return the rows
   */
  Matrix sampleInChunks(int n, int cols, int latentCols, long seed, int chunkRows, boolean sequential, ChunkMap map);

  /** Maps one chunk of latent rows to output rows. */
  @FunctionalInterface
  interface ChunkMap {
    /**
     * @param ops operations of this chunk (no gradients)
     * @param latent the chunk's latent rows (zero columns when none are drawn up front)
     * @param random the sampling generator after the latent draws (sequential chunks only; else null)
     * @return the chunk's output, one row per latent row
     */
    Matrix apply(Ops ops, Matrix latent, SplittableRandom random);
  }
}
