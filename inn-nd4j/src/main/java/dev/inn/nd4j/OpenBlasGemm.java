package dev.inn.nd4j;

import dev.inn.core.linalg.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix product through ND4J's native backend (OpenBLAS sgemm), as a {@link Gemm} over
 * inn's row-major float arrays: each call copies its rows of A, all of B and the output once.
 * Measured against the Vector API kernel by {@link GemmBenchmark}.
 */
public final class OpenBlasGemm implements Gemm {

  @Override
  public void multiply(float[] a, float[] b, float[] c, int k, int m, int rowFrom, int rowTo, boolean accumulate) {
    int n = rowTo - rowFrom;
    if (n <= 0) {
      return;
    }
    float[] rowsOfA = java.util.Arrays.copyOfRange(a, rowFrom * k, rowTo * k);
    INDArray left = Nd4j.create(rowsOfA, new long[] {n, k}, 'c');
    INDArray right = Nd4j.create(b.length == k * m ? b : java.util.Arrays.copyOf(b, k * m), new long[] {k, m}, 'c');
    float[] product = left.mmul(right).dup('c').data().asFloat();
    int offset = rowFrom * m;
    if (accumulate) {
      for (int i = 0; i < product.length; i++) {
        c[offset + i] += product[i];
      }
    } else {
      System.arraycopy(product, 0, c, offset, product.length);
    }
  }

  @Override
  public String description() {
    return "nd4j-openblas";
  }
}
