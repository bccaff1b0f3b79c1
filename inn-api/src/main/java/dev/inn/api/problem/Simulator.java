package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/**
 * The full stochastic model of a problem: y ~ p(y | x) for given x, measurement noise included,
 * reproducible from a seed. A deterministic process without noise (the eight-modes labels)
 * simply ignores the seed; its noiseless output is also offered as {@link Problem#noiselessForward()}.
 *
 * <p>Rows are seeded by their index in a run, not by the batch they travel in: row i of
 * {@code simulate(x, seed, firstRow)} draws all its randomness from streams fixed by
 * {@code seed} and {@code firstRow + i} (e.g. {@link dev.inn.api.random.Seeds#derive
 * Seeds.derive(seed, firstRow + i)}), and its output depends on nothing but its row of x and
 * those streams. So a run of n rows cut into batches of any size, simulated by any number of
 * workers in any order, gives the same numbers as one call with {@code firstRow = 0}; a
 * simulation store's files do not depend on its chunk size or workers. (An external program that
 * seeds one request at a time can only promise this for batches aligned to its request size; see
 * docs/external-simulators.md.)
 *
 * <p>For a set or sequence problem (see {@link Problem#observationShape()}) the outputs are padded
 * rows, element-major, with the number of elements per row in {@link Simulation#lengths()}.
 */
public interface Simulator {

  /**
   * Draws y ~ p(y | x) for every row of {@code x} (one row of parameters each). Rows where the
   * process is undefined (e.g. a projectile that never lands) are marked invalid rather than given
   * an invented value.
   *
   * @param x the parameters, one row per simulation
   * @param seed the run's seed
   * @param firstRow the index in the run of x's first row; row i is seeded by {@code firstRow + i}
   * @return the outputs and their validity, one row per row of x
   */
  Simulation simulate(Matrix x, long seed, long firstRow);

  /**
   * {@link #simulate(Matrix, long, long)} for a run that starts with x's first row.
   *
   * @param x the parameters, one row per simulation
   * @param seed the run's seed
   * @return the outputs and their validity
   */
  default Simulation simulate(Matrix x, long seed) {
    return simulate(x, seed, 0);
  }
}
