package dev.inn.core.linalg;

/**
 * Row-major matrix product kernel: C (n x m) = A (n x k) B (k x m), or C += A B. Rows of A
 * and C from {@code rowFrom} to {@code rowTo} only, so callers can split a product over
 * threads; every row is computed in the same order whatever the split, so results do not
 * depend on the thread count.
 */
public interface Gemm {

  void multiply(float[] a, float[] b, float[] c, int k, int m, int rowFrom, int rowTo, boolean accumulate);

  /**
   * C (k x m) = A^T B, or C += A^T B, for A (n x k) and B (n x m) without forming A^T: the
   * weight gradient X^T G of a layer. Rows of C from {@code rowFrom} to {@code rowTo}. The
   * built-in kernels read A through strides; the default copies the rows of A^T it needs.
   */
  default void multiplyTransposedA(float[] a, float[] b, float[] c, int n, int k, int m, int rowFrom, int rowTo,
      boolean accumulate) {
    // kernels without a strided form: the needed rows of A^T as a copy
    float[] at = new float[k * n];
    for (int i = rowFrom; i < rowTo; i++) {
      for (int p = 0; p < n; p++) {
        at[i * n + p] = a[p * k + i];
      }
    }
    multiply(at, b, c, n, m, rowFrom, rowTo, accumulate);
  }

  /**
   * C (+)= A B for a left factor given by addresses instead of as a matrix: A(i, p) =
   * {@code a[rows[i] + cols[colFrom + p]]} for p < k, and row i of C at {@code c[cFrom + i * m]}
   * (B is k x m). A convolution reads its taps where they lie this way (rows: where each step's
   * window starts; cols: where each tap lies in a window), and its weight gradient is the same
   * call with the roles of the two tables swapped. Rows {@code rowFrom} to {@code rowTo}; each
   * element of C is the chain {@link #multiply} computes for the gathered A. The default gathers
   * the rows of A into a matrix and calls {@link #multiply}.
   */
  default void multiplyAddressed(float[] a, int[] rows, int[] cols, int colFrom, int k, float[] b, float[] c, int cFrom,
      int m, int rowFrom, int rowTo, boolean accumulate) {
    int n = rowTo - rowFrom;
    float[] at = new float[n * k];
    float[] ct = new float[n * m];
    for (int i = 0; i < n; i++) {
      int base = rows[rowFrom + i];
      for (int p = 0; p < k; p++) {
        at[i * k + p] = a[base + cols[colFrom + p]];
      }
    }
    int c0 = cFrom + rowFrom * m;
    if (accumulate) {
      System.arraycopy(c, c0, ct, 0, n * m);
    }
    multiply(at, b, ct, k, m, 0, n, accumulate);
    System.arraycopy(ct, 0, c, c0, n * m);
  }

  /** A short name for reports, e.g. "vector-512". */
  String description();

  /**
   * The fastest kernel this JVM can run: the Vector API one when the
   * {@code jdk.incubator.vector} module is present (and {@code -Dinn.vector=false} is not
   * set), else plain loops.
   */
  static Gemm best() {
    return GemmHolder.BEST;
  }
}
