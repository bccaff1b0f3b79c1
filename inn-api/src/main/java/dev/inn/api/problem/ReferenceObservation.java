package dev.inn.api.problem;

import dev.inn.api.data.Matrix;
import java.util.function.Supplier;

/**
 * A fixed observation that a benchmark publishes with its true parameters and samples of
 * its exact (or close to exact) posterior, e.g. sbibm's ten official observations per task.
 * Methods are scored against {@link #posterior()} on exactly these observations.
 *
 * @param id a short stable label, e.g. {@code "1"} for sbibm's observation 1
 * @param observation y*, one value per observation dimension
 * @param trueParameters the x* that generated y*
 * @param posterior loads the reference posterior samples (one per row); called lazily
 *     because the files are large
 */
public record ReferenceObservation(String id, float[] observation, float[] trueParameters,
    Supplier<Matrix> posterior) {

  public ReferenceObservation {
    observation = observation.clone();
    trueParameters = trueParameters.clone();
  }

  @Override
  /** A copy of the observation y*. */
  public float[] observation() {
    return observation.clone();
  }

  @Override
  /** A copy of the parameters that generated it. */
  public float[] trueParameters() {
    return trueParameters.clone();
  }
}
