package dev.inn.api.linalg;

/**
 * The Cholesky factorisation A = L L<sup>T</sup> of a symmetric matrix into a lower triangular
 * L, for drawing correlated Gaussian vectors (x = m + L z) and whitening. Only the lower triangle
 * of A is read; A is never changed. Two contracts: {@link #lower} for a matrix that must be
 * positive definite, {@link #lowerWithRidge} for one that may be singular (a degenerate sample
 * covariance) and still needs a usable factor.
 */
public final class Cholesky {

  /** A pivot at or below this is taken as zero: dividing by it would overflow. */
  private static final double MIN_PIVOT = 1e-300;

  private Cholesky() {}

  /**
   * The lower factor of a symmetric positive definite matrix.
   *
   * @param a a square matrix, rows of equal length; only its lower triangle is read
   * @param name what the matrix is, for the error (e.g. "the proposal covariance")
   * @return L with L L<sup>T</sup> = A, zero above the diagonal
   * @throws IllegalArgumentException naming {@code name} when A is not square, or not positive
   *     definite (a pivot at or below 1e-300, NaN included: A is singular, indefinite or not finite)
   */
  public static double[][] lower(double[][] a, String name) {
    return factor(a, 0, true, name);
  }

  /**
   * The lower factor of a symmetric positive semi-definite matrix with a ridge: each pivot, taken
   * as zero where rounding made it negative, is raised by {@code ridge} before its square root, so
   * a singular matrix still gets a factor with a positive diagonal.
   *
   * @param a a square matrix, rows of equal length; only its lower triangle is read
   * @param ridge added to every pivot, at least 0 (0 gives the plain factor of a definite matrix)
   * @return L with L L<sup>T</sup> = A + (ridge on the diagonal, to rounding), zero above the
   *     diagonal; a NaN or infinite entry or ridge carries into L rather than failing, as the
   *     statistics built on it report such values themselves
   * @throws IllegalArgumentException when A is not square or the ridge is negative
   */
  public static double[][] lowerWithRidge(double[][] a, double ridge) {
    if (ridge < 0) {
      throw new IllegalArgumentException("the ridge must be at least 0, got " + ridge);
    }
    return factor(a, ridge, false, "the matrix");
  }

  private static double[][] factor(double[][] a, double ridge, boolean definite, String name) {
    int d = a.length;
    for (int i = 0; i < d; i++) {
      if (a[i] == null || a[i].length != d) {
        throw new IllegalArgumentException(name + " is not square: row " + i + " has "
            + (a[i] == null ? "no" : String.valueOf(a[i].length)) + " values, the matrix " + d + " rows");
      }
    }
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i != j) {
          l[i][j] = s / l[j][j];
        } else if (definite && !(s > MIN_PIVOT)) {
          throw new IllegalArgumentException(name + " is not positive definite: pivot " + i + " of " + d + " is " + s
              + " (the matrix is singular, indefinite or not finite)");
        } else {
          l[i][i] = Math.sqrt(Math.max(s, 0) + ridge);
        }
      }
    }
    return l;
  }
}
