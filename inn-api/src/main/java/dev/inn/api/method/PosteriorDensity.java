package dev.inn.api.method;

import dev.inn.api.data.Matrix;

/**
 * A posterior method that can also evaluate its density q(x | y), such as the conditional
 * INN: for highest-density coverage diagnostics and importance sampling.
 */
public interface PosteriorDensity {

  /**
   * log q(x | observation) for every row of {@code x}, in the units of x (the Jacobians of
   * any internal standardisation or support transform included). Rows outside the prior's
   * support get negative infinity.
   */
  double[] logDensity(float[] observation, Matrix x);
}
