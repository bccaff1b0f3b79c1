package dev.inn.api.tensor;

/**
 * A named matrix of weights owned by a model. Trainable parameters receive gradients and
 * are updated by the optimiser; fixed ones (a permutation, a normalisation) are saved with
 * the model but never change during training.
 */
public interface Parameter {

  /** The unique name within the model, with its scope prefix. */
  String name();

  /** Number of rows. */
  int rows();

  /** Number of columns. */
  int cols();

  /** Whether the optimiser updates it. */
  boolean trainable();

  /** A copy of the current values, row-major. */
  float[] values();

  /**
   * Overwrites the values (row-major, rows x cols of them), e.g. for a data-dependent
   * initialisation before training ({@link dev.inn.api.block.DataInitialized}).
   */
  void assign(float[] values);
}
