package dev.inn.core.linalg;

/** Portable kernel for JVMs started without {@code --add-modules jdk.incubator.vector}. */
final class ScalarGemm implements Gemm {

  @Override
  public void multiply(float[] a, float[] b, float[] c, int k, int m, int rowFrom, int rowTo, boolean accumulate) {
    for (int i = rowFrom; i < rowTo; i++) {
      int ci = i * m;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + m, 0f);
      }
      int ai = i * k;
      for (int p = 0; p < k; p++) {
        float av = a[ai + p];
        int bp = p * m;
        for (int j = 0; j < m; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  @Override
  public void multiplyTransposedA(float[] a, float[] b, float[] c, int n, int k, int m, int rowFrom, int rowTo,
      boolean accumulate) {
    for (int i = rowFrom; i < rowTo; i++) {
      int ci = i * m;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + m, 0f);
      }
      for (int p = 0; p < n; p++) {
        float av = a[p * k + i];
        int bp = p * m;
        for (int j = 0; j < m; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  @Override
  public String description() {
    return "scalar";
  }
}
