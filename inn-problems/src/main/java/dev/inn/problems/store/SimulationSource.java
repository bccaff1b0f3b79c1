package dev.inn.problems.store;

/**
 * A problem that can simulate fresh (x, y) pairs on demand, as opposed to drawing rows of a
 * finished data set. The simulation store fills its chunks through it; a problem without it is
 * stored through {@link dev.inn.api.problem.Problem#sample}.
 */
public interface SimulationSource {

  /**
   * {@code n} valid pairs, x from the prior and y from the forward process with its noise. The
   * result must depend only on {@code n}, {@code seed} and the problem's settings, never on
   * threads or workers, so that a chunk can be recomputed anywhere with the same bytes.
   * Invalid simulations are replaced by fresh ones and counted.
   */
  SimulationBatch simulate(int n, long seed);

  /**
   * Settings that change how the simulations run (workers, threads, timeouts) but not their
   * numbers; a store may be resumed with other values of them.
   */
  default java.util.Set<String> executionSettings() {
    return java.util.Set.of();
  }
}
