package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.random.Seeds;

/**
 * Re-simulation distances ||s(x_i) - y_i|| of a batch of parameters: s is the problem's noiseless
 * forward process when it has one, else one draw of its stochastic simulator (seeded by the batch,
 * {@link Seeds#ofBatch}), so for a stochastic model the error includes the simulator's own spread. Rows the simulator marks
 * invalid (or whose outputs are not finite) get NaN and are counted, never silently dropped.
 *
 * @param distances one per row of x; NaN where the simulation was invalid
 * @param invalid how many rows were invalid
 */
public record Resimulation(double[] distances, int invalid) {

  /**
   * Simulates every row of {@code x} and measures its distance to the matching row of
   * {@code observations}, which has either one row per x row or a single row used for all.
   */
  public static Resimulation of(Problem problem, Matrix x, Matrix observations) {
    if (observations.rows() != 1 && observations.rows() != x.rows()) {
      throw new IllegalArgumentException(x.rows() + " parameter rows against " + observations.rows() + " observations");
    }
    Simulation sim = forward(problem, x);
    Matrix y = sim.y();
    int dy = observations.cols();
    if (y.cols() != dy || y.rows() != x.rows()) {
      throw new IllegalStateException("simulator returned " + y.rows() + " x " + y.cols() + " outputs for "
          + x.rows() + " inputs; observations have " + dy + " values");
    }
    double[] dist = new double[x.rows()];
    int invalid = 0;
    for (int i = 0; i < x.rows(); i++) {
      int o = observations.rows() == 1 ? 0 : i;
      double sum = 0;
      for (int c = 0; c < dy; c++) {
        double diff = y.get(i, c) - observations.get(o, c);
        sum += diff * diff;
      }
      if (!sim.valid()[i] || !Double.isFinite(sum)) {
        dist[i] = Double.NaN;
        invalid++;
      } else {
        dist[i] = Math.sqrt(sum);
      }
    }
    return new Resimulation(dist, invalid);
  }

  /**
   * The problem's noiseless forward process of x, or without one a draw of its simulator seeded by
   * x's values.
   */
  public static Simulation forward(Problem problem, Matrix x) {
    if (problem.noiselessForward().isPresent()) {
      return problem.noiselessForward().get().evaluate(x);
    }
    return problem.simulator().orElseThrow(() -> new IllegalStateException("problem '" + problem.name()
        + "' has neither a noiseless forward process nor a simulator")).simulate(x, Seeds.ofBatch(x.data(), x.rows()));
  }

  /** The mean distance over the valid rows (NaN when none is valid). */
  public double meanValid() {
    return Statistics.mean(distances, Statistics.all(distances.length));
  }
}
