package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/** The forward process y = s(x) of a problem, without measurement noise, for a batch. */
public interface Simulator {

  /**
   * Simulates every row of {@code x}. Rows where the process is undefined (e.g. a projectile
   * that never lands) are marked invalid rather than given an invented value.
   */
  Simulation simulate(Matrix x);
}
