package dev.inn.problems.store;

/**
 * A source of fresh (x, y) pairs, row by row of a run: x from the prior, y from the problem's
 * stochastic model. The simulation store fills its chunks through it ({@link JointDraws} makes
 * one of any problem with a prior and a simulator); a problem with neither is stored through
 * {@link dev.inn.api.problem.Problem#sample}.
 */
public interface SimulationSource {

  /**
   * Rows {@code firstRow .. firstRow + n - 1} of the run under {@code seed}, all valid. Row r must
   * depend only on r, {@code seed} and the problem's settings, never on how the run is cut into
   * calls, on threads or on workers, so that a store's bytes do not depend on its chunk size and a
   * chunk can be recomputed anywhere. Invalid simulations are replaced by fresh ones and counted.
   */
  SimulationBatch simulate(long firstRow, int n, long seed);

  /**
   * Settings that change how the simulations run (workers, threads, timeouts) but not their
   * numbers; a store may be resumed with other values of them.
   */
  default java.util.Set<String> executionSettings() {
    return java.util.Set.of();
  }
}
