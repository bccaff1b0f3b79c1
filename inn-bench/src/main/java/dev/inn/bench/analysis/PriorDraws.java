package dev.inn.bench.analysis;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;

/** Draws standing in for the prior: the problem's prior, or the parameters of its training data. */
final class PriorDraws {

  private PriorDraws() {}

  static Matrix of(Problem problem, int n, long seed) {
    return problem.prior().map(p -> p.sample(n, seed)).orElseGet(() -> problem.sample(n, seed).x());
  }

  /** The variance of every column. */
  static double[] variances(Matrix m) {
    double[] out = new double[m.cols()];
    for (int c = 0; c < m.cols(); c++) {
      float[] col = m.column(c);
      double mean = 0;
      for (float v : col) {
        mean += v;
      }
      mean /= col.length;
      double s = 0;
      for (float v : col) {
        s += (v - mean) * (v - mean);
      }
      out[c] = s / Math.max(1, col.length - 1);
    }
    return out;
  }
}
