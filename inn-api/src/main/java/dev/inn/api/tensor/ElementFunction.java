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

  /**
   * The array form the engine calls: {@code fx[i] = apply(x[i])} and, when {@code dfdx} is
   * not null, {@code dfdx[i] = derivative(x[i], fx[i])}, for i from {@code from} to
   * {@code to} (exclusive); the engine may call it on several ranges at once from different
   * threads.
   * Implementations on hot paths override it with a loop of their own (one call per array
   * instead of two per element, and the derivative computed while its terms are at hand);
   * the results must equal the element-wise methods'.
   */
  default void applyAll(float[] x, float[] fx, float[] dfdx, int from, int to) {
    for (int i = from; i < to; i++) {
      fx[i] = apply(x[i]);
    }
    if (dfdx != null) {
      for (int i = from; i < to; i++) {
        dfdx[i] = derivative(x[i], fx[i]);
      }
    }
  }
}
