package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;

/**
 * Pairs from a problem's prior and simulator, seeded row by row: row r draws x from the prior
 * with seed {@code Seeds.task(seed, r, 0)} and y from the simulator as row r of the run under
 * {@code Seeds.combine(seed, 1)}. A row whose simulation is invalid draws again, attempt a from
 * {@code Seeds.task(seed, r, a)} and simulator seed {@code Seeds.combine(seed, 1 + a)}, so every
 * row is a function of (seed, r) alone.
 */
public final class JointDraws implements SimulationSource {

  /** Give up on a row after this many invalid simulations in a row. */
  private static final int MAX_ATTEMPTS = 1_000;

  private final String name;
  private final Problem.Prior prior;
  private final Simulator simulator;
  private final int dx;
  private final int dy;

  private JointDraws(String name, Problem.Prior prior, Simulator simulator, int dx, int dy) {
    this.name = name;
    this.prior = prior;
    this.simulator = simulator;
    this.dx = dx;
    this.dy = dy;
  }

  /** The joint draws of {@code problem}, or null when it lacks a prior or a simulator. */
  public static JointDraws of(Problem problem) {
    if (problem.prior().isEmpty() || problem.simulator().isEmpty() || problem.observationShape().ragged()) {
      return null;
    }
    return new JointDraws(problem.name(), problem.prior().get(), problem.simulator().get(), problem.parameterDim(),
        problem.observationDim());
  }

  @Override
  public SimulationBatch simulate(long firstRow, int n, long seed) {
    float[] xs = new float[n * dx];
    for (int i = 0; i < n; i++) {
      System.arraycopy(prior.sample(1, Seeds.task(seed, firstRow + i, 0)).data(), 0, xs, i * dx, dx);
    }
    Matrix x = new Matrix(n, dx, xs.clone());
    Simulation sim = simulator.simulate(x, Seeds.combine(seed, 1), firstRow);
    float[] ys = sim.y().data().clone();
    long invalid = 0;
    String first = null;
    for (int i = 0; i < n; i++) {
      boolean ok = sim.valid()[i] && finite(ys, i * dy, dy);
      for (int a = 1; !ok; a++) {
        invalid++;
        if (first == null) {
          first = "row " + (firstRow + i) + " at x = " + java.util.Arrays.toString(x.row(i));
        }
        if (a >= MAX_ATTEMPTS) {
          throw new IllegalStateException(name + ": " + MAX_ATTEMPTS + " invalid simulations in a row for row "
              + (firstRow + i) + " of the run");
        }
        Matrix row = prior.sample(1, Seeds.task(seed, firstRow + i, a));
        Simulation again = simulator.simulate(row, Seeds.combine(seed, 1 + a), firstRow + i);
        ok = again.valid()[0] && finite(again.y().data(), 0, dy);
        if (ok) {
          System.arraycopy(row.data(), 0, xs, i * dx, dx);
          System.arraycopy(again.y().data(), 0, ys, i * dy, dy);
        }
      }
    }
    InvalidSimulations inv = invalid == 0 ? InvalidSimulations.NONE
        : new InvalidSimulations(0, 0, invalid, invalid + " invalid simulations redrawn, first " + first, "");
    return new SimulationBatch(new Dataset(new Matrix(n, dx, xs), new Matrix(n, dy, ys)), inv);
  }

  private static boolean finite(float[] v, int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (!Float.isFinite(v[k])) {
        return false;
      }
    }
    return true;
  }
}
