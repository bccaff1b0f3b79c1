package dev.inn.api.tensor;

/**
 * Creates the parameters of a model part. Names are prefixed by the caller's scope so that
 * every parameter of a model has a unique, stable name (used when saving and loading).
 */
public interface Parameters {

  /**
   * A trainable matrix initialised with independent normals of standard deviation
   * {@code initStd} (zero gives a zero matrix), drawn from the model's seeded generator.
   */
  Parameter trainable(String name, int rows, int cols, double initStd);

  /** A fixed matrix holding {@code values} (row-major); saved with the model, never trained. */
  Parameter fixed(String name, int rows, int cols, float[] values);

  /** A view whose names are prefixed with {@code prefix + "."}. */
  Parameters scope(String prefix);

  /** The seed of this scope, for plugins that draw their own fixed state. */
  long seed();
}
