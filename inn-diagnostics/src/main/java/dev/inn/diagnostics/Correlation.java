package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import dev.inn.api.linalg.Cholesky;

/** Means, covariance and correlation matrix of posterior samples (one sample per row). */
public final class Correlation {

  private Correlation() {}

  /** The column means. */
  public static double[] mean(Matrix samples) {
    return samples.columnMeans();
  }


  /** The sample covariance (divisor n - 1), {@code [d][d]}. */
  public static double[][] covariance(Matrix samples) {
    int n = samples.rows();
    int d = samples.cols();
    if (n < 2) {
      throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
    }
    double[] mean = mean(samples);
    double[][] cov = new double[d][d];
    double[] row = new double[d];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < d; c++) {
        row[c] = samples.get(r, c) - mean[c];
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          cov[a][b] += row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        cov[a][b] /= n - 1;
        cov[b][a] = cov[a][b];
      }
    }
    return cov;
  }

  /** Pearson correlations, {@code [d][d]}; a constant parameter correlates 0 with the others. */
  public static double[][] matrix(Matrix samples) {
    double[][] cov = covariance(samples);
    int d = cov.length;
    double[][] out = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = Math.sqrt(cov[a][a] * cov[b][b]);
        out[a][b] = a == b ? 1 : s > 0 ? cov[a][b] / s : 0;
      }
    }
    return out;
  }

  /**
   * Lower Cholesky factor of a symmetric positive semi-definite matrix, with a small ridge on
   * the diagonal when needed so a degenerate posterior still gives a usable metric.
   */
  static double[][] cholesky(double[][] a) {
    int d = a.length;
    double trace = 0;
    for (int i = 0; i < d; i++) {
      trace += a[i][i];
    }
    return Cholesky.lowerWithRidge(a, 1e-12 * Math.max(trace / Math.max(1, d), 1e-300));
  }
}
