package dev.inn.api.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Function;

/**
 * The weights of one model with the shared trainer: what a third-party trainable method
 * needs besides the {@link Ops} it writes its networks with. Made by
 * {@link TrainingEngine#newModel}.
 */
public interface TrainableModel {

  /** The root scope in which the model's parameters are created (initial values seeded). */
  Parameters parameters();

  /** The number of trainable values. */
  long trainableCount();

  /**
   * Trains the parameters created so far with the project's trainer (shuffled mini-batches,
   * Adam, the fixed-step or early-stopping schedule, loss curves, progress, a clear error when
   * a term is not finite).
   *
   * @param task what is trained, for progress and errors, e.g. {@code "train my-method"}
   * @param data the training pairs (already in the units the objective expects)
   * @param objective the loss terms of a batch
   * @param optimizer the optimiser settings, keyed as in {@link TrainingEngine#optimizerDefaults()}
   * @param context the seed and the progress listener
   * @return the per-term loss history
   */
  TrainingHistory train(String task, Dataset data, Objective objective, Settings optimizer, TrainingContext context);

  /**
   * Runs {@code forward} without recording gradients and returns a copy of its result.
   *
   * @param forward builds the output from the given operations
   * @return the output's value
   */
  Matrix evaluate(Function<Ops, Tensor> forward);

  /** Writes every parameter (names, shapes, values). */
  void save(DataOutput out) throws IOException;

  /** Reads values written by {@link #save} into the parameters of this model (same names and shapes). */
  void load(DataInput in) throws IOException;
}
