package dev.inn.api.tensor;

/**
 * A named matrix of weights owned by a model. Trainable parameters receive gradients and
 * are updated by the optimiser; fixed ones (a permutation, a normalisation) are saved with
 * the model but never change.
 */
public interface Parameter {

  String name();

  int rows();

  int cols();

  boolean trainable();

  /** A copy of the current values, row-major. */
  float[] values();
}
