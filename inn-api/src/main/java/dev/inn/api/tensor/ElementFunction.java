package dev.inn.api.tensor;

/**
 * A differentiable scalar function applied element by element (activations, clamps,
 * kernels of a distance).
 */
public interface ElementFunction {

  /** f(x). */
  float apply(float x);

  /** d f / d x at {@code x}, where {@code fx = apply(x)} is passed to save recomputation. */
  float derivative(float x, float fx);
}
