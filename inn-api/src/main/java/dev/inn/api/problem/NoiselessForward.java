package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/**
 * The deterministic part of a problem's forward model, y = s(x) without measurement noise, for
 * problems that have one (inverse kinematics, ballistics, a tissue model before camera noise).
 * Re-simulation metrics compare it with the observation; a problem without it (the sbibm tasks,
 * whose noise is the model) is re-simulated through its {@link Simulator} instead.
 */
public interface NoiselessForward {

  /**
   * s(x) for every row of {@code x}; rows where the process is undefined are marked invalid.
   *
   * @param x the parameters, one row per evaluation
   * @return the noiseless outputs and their validity
   */
  Simulation evaluate(Matrix x);
}
