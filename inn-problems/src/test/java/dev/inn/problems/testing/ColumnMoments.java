package dev.inn.problems.testing;

import dev.inn.api.data.Matrix;

/** Sample mean and variance of one column, in double precision. */
public record ColumnMoments(double mean, double variance) {

  public static ColumnMoments of(Matrix m, int col) {
    double sum = 0;
    for (int i = 0; i < m.rows(); i++) {
      sum += m.get(i, col);
    }
    double mean = sum / m.rows();
    double ss = 0;
    for (int i = 0; i < m.rows(); i++) {
      double d = m.get(i, col) - mean;
      ss += d * d;
    }
    return new ColumnMoments(mean, ss / (m.rows() - 1));
  }
}
