package dev.inn.api.training;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Function;

/**
 * The weights of one model: what a third-party trainable method needs besides the {@link Ops}
 * it writes its networks with. Made by {@link TrainingEngine#newModel}; trained by
 * {@link MethodToolkit#train} on {@link #parameters()}.
 */
public interface TrainableModel {

  /** The root scope in which the model's parameters are created (initial values seeded). */
  Parameters parameters();

  /** The number of trainable values. */
  long trainableCount();

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
