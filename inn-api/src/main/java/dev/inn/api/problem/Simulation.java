package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/**
 * Outputs of a simulator for a batch. {@code valid[i]} is false where the forward process is
 * undefined for row i; its y row is then NaN and must not be used.
 */
public record Simulation(Matrix y, boolean[] valid) {

  public Simulation {
    if (valid.length != y.rows()) {
      throw new IllegalArgumentException("validity flags for " + valid.length + " rows, outputs have " + y.rows());
    }
  }

  /** A simulation where every row is valid. */
  public static Simulation allValid(Matrix y) {
    boolean[] v = new boolean[y.rows()];
    java.util.Arrays.fill(v, true);
    return new Simulation(y, v);
  }

  /** The number of rows the simulator marked invalid. */
  public int invalidCount() {
    int c = 0;
    for (boolean b : valid) {
      if (!b) {
        c++;
      }
    }
    return c;
  }
}
