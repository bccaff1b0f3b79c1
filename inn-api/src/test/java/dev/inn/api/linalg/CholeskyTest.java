package dev.inn.api.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

  /** A random symmetric positive definite matrix B B^T + 0.1 I. */
  private static double[][] positiveDefinite(int d, long seed) {
    Random r = new Random(seed);
    double[][] b = new double[d][d];
    for (double[] row : b) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian();
      }
    }
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          a[i][j] += b[i][k] * b[j][k];
        }
      }
      a[i][i] += 0.1;
    }
    return a;
  }

  private static double[][] timesTranspose(double[][] l) {
    int d = l.length;
    double[][] p = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          p[i][j] += l[i][k] * l[j][k];
        }
      }
    }
    return p;
  }

  @Test
  void theFactorIsLowerTriangularAndReproducesTheMatrix() {
    double[][] a = positiveDefinite(6, 7);
    double[][] l = Cholesky.lower(a, "a");
    double[][] back = timesTranspose(l);
    for (int i = 0; i < a.length; i++) {
      assertThat(l[i][i]).isPositive();
      for (int j = 0; j < a.length; j++) {
        if (j > i) {
          assertThat(l[i][j]).isZero();
        }
        assertThat(back[i][j]).isCloseTo(a[i][j], within(1e-10 * (1 + Math.abs(a[i][j]))));
      }
    }
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsRefusedByName() {
    double[][] indefinite = {{1, 2}, {2, 1}}; // eigenvalues 3 and -1
    assertThatThrownBy(() -> Cholesky.lower(indefinite, "the proposal covariance"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the proposal covariance is not positive definite")
        .hasMessageContaining("pivot 1 of 2");
    double[][] singular = {{1, 1}, {1, 1}};
    assertThatThrownBy(() -> Cholesky.lower(singular, "the proposal covariance"))
        .hasMessageContaining("not positive definite");
    assertThatThrownBy(() -> Cholesky.lower(new double[][] {{1, 0}, {0}}, "m"))
        .hasMessageContaining("m is not square: row 1 has 1 values");
  }

  @Test
  void aRidgeGivesASingularMatrixAFactorOfItsRaisedDiagonal() {
    double[][] singular = {{4, 2}, {2, 1}}; // rank 1
    double ridge = 1e-6;
    double[][] l = Cholesky.lowerWithRidge(singular, ridge);
    double[][] back = timesTranspose(l);
    assertThat(back[0][0]).isCloseTo(4 + ridge, within(1e-12));
    assertThat(back[1][0]).isCloseTo(2, within(1e-12));
    assertThat(back[1][1]).isCloseTo(1 + ridge, within(1e-9));
    assertThat(l[1][1]).isPositive();
    // without a ridge a definite matrix gets exactly the strict factor
    double[][] a = positiveDefinite(4, 3);
    assertThat(Cholesky.lowerWithRidge(a, 0)).isDeepEqualTo(Cholesky.lower(a, "a"));
    assertThatThrownBy(() -> Cholesky.lowerWithRidge(a, -1)).hasMessageContaining("ridge must be at least 0");
  }
}
