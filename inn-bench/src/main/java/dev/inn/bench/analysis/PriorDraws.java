package dev.inn.bench.analysis;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.core.param.Standardizer;

/** Draws standing in for the prior: the problem's prior, or the parameters of its training data. */
final class PriorDraws {

  private PriorDraws() {}

  static Matrix of(Problem problem, int n, long seed) {
    // a data set has as many parameter rows as training rows, no more
    return problem.prior().map(p -> p.sample(n, seed))
        .orElseGet(() -> problem.sample(Math.min(n, problem.trainingPairs().orElse(n)), seed).x());
  }

  /** The (sample) variance of every column. */
  static double[] variances(Matrix m) {
    double[] sd = Standardizer.columnMoments(m)[1];
    double[] out = new double[m.cols()];
    double unbiased = m.rows() / (double) Math.max(1, m.rows() - 1);
    for (int c = 0; c < out.length; c++) {
      out[c] = sd[c] * sd[c] * unbiased;
    }
    return out;
  }
}
