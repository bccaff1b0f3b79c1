package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/**
 * The forward process x -> y of a problem, for a batch, as the problem's model defines it.
 * For a deterministic process observed with separate measurement noise (inverse kinematics,
 * ballistics) it is the process without that noise, y = s(x). For a stochastic simulator (the
 * sbibm tasks, a Monte Carlo tissue model) there is no noiseless s(x): the noise is part of
 * the model, and each call returns one draw y ~ p(y | x), reproducible for the same input
 * batch. Re-simulation metrics compare such outputs with the observation, so for stochastic
 * simulators their error includes the simulator's own spread.
 */
public interface Simulator {

  /**
   * Simulates every row of {@code x} (one row of parameters each). Rows where the process is undefined (e.g. a projectile
   * that never lands) are marked invalid rather than given an invented value.
   */
  Simulation simulate(Matrix x);
}
