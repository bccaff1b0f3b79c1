package dev.inn.api.tensor;

import dev.inn.api.data.Matrix;

/**
 * A node of a differentiable computation: a batch of row vectors (rows x cols) produced by
 * {@link Ops}. Gradients flow back through every tensor that was not detached.
 */
public interface Tensor {

  /** The number of rows (samples of the batch). */
  int rows();

  /** The number of columns. */
  int cols();

  /** The value as a matrix (a copy, safe to keep). */
  Matrix value();

  /** The single value of a 1 x 1 tensor, e.g. a loss. */
  float scalar();
}
