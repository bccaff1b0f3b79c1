package dev.inn.api.problem;

import dev.inn.api.data.Matrix;

/**
 * Outputs of a simulator for a batch. {@code valid[i]} is false where the forward process is
 * undefined for row i; its y row is then NaN and must not be used. For a set or sequence problem
 * the rows are padded as in {@link dev.inn.api.data.Dataset} and {@code lengths[i]} is row i's
 * number of elements; {@code lengths} is empty for vector observations.
 */
public record Simulation(Matrix y, boolean[] valid, int[] lengths) {

  public Simulation {
    if (valid.length != y.rows()) {
      throw new IllegalArgumentException("validity flags for " + valid.length + " rows, outputs have " + y.rows());
    }
    if (lengths.length != 0 && lengths.length != y.rows()) {
      throw new IllegalArgumentException("lengths for " + lengths.length + " rows, outputs have " + y.rows());
    }
  }

  /** Vector outputs: no lengths. */
  public Simulation(Matrix y, boolean[] valid) {
    this(y, valid, new int[0]);
  }

  /** A simulation where every row is valid. */
  public static Simulation allValid(Matrix y) {
    boolean[] v = new boolean[y.rows()];
    java.util.Arrays.fill(v, true);
    return new Simulation(y, v);
  }

  /** Whether the rows are padded sets or sequences with {@link #lengths()}. */
  public boolean ragged() {
    return lengths.length > 0;
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
