package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The addressed product reads the left factor through tables; it must give, bit for bit, what
 * the plain product gives on the gathered matrix (a convolution's numbers rest on this), with
 * the vector kernel and with the interface's gathering default (the portable kernel).
 */
class AddressedGemmTest {

  @Test
  void addressedProductEqualsTheProductOfTheGatheredMatrixBitForBit() {
    SplittableRandom r = new SplittableRandom(11);
    // rows, k, m: conv1d shapes (taps 10 and 160 by 32 channels) and awkward widths
    int[][] shapes = {{37, 10, 32}, {256, 160, 32}, {9, 15, 64}, {13, 7, 20}, {11, 12, 4}, {6, 5, 1}, {7, 9, 77},
        {5, 3, 16}};
    for (Gemm kernel : new Gemm[] {Gemm.best(), new ScalarGemm()}) {
      for (int[] s : shapes) {
        int n = s[0];
        int k = s[1];
        int m = s[2];
        float[] a = new float[5 * (n + k) + 64];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) r.nextGaussian();
        }
        // windows overlap and are out of order; taps jump like a dilated kernel's
        int[] rows = new int[n + 3];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = r.nextInt(4 * n + 1);
        }
        int[] cols = new int[k + 2];
        for (int p = 0; p < cols.length; p++) {
          cols[p] = (p / 3) * 5 + p % 3;
        }
        int colFrom = 2;
        int rowFrom = 1;
        int rowTo = n + 1;
        float[] gathered = new float[(rowTo - rowFrom) * k];
        for (int i = rowFrom; i < rowTo; i++) {
          for (int p = 0; p < k; p++) {
            gathered[(i - rowFrom) * k + p] = a[rows[i] + cols[colFrom + p]];
          }
        }
        float[] b = new float[k * m];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) r.nextGaussian();
        }
        for (boolean accumulate : new boolean[] {false, true}) {
          int cFrom = 3 * m;
          float[] c = new float[cFrom + (n + 1) * m + 5];
          for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextGaussian();
          }
          float[] expected = c.clone();
          float[] plain = new float[(rowTo - rowFrom) * m];
          System.arraycopy(c, cFrom + rowFrom * m, plain, 0, plain.length);
          kernel.multiply(gathered, b, plain, k, m, 0, rowTo - rowFrom, accumulate);
          System.arraycopy(plain, 0, expected, cFrom + rowFrom * m, plain.length);
          kernel.multiplyAddressed(a, rows, cols, colFrom, k, b, c, cFrom, m, rowFrom, rowTo, accumulate);
          assertThat(c).as("%s %d x %d x %d accumulate %s", kernel.description(), n, k, m, accumulate)
              .containsExactly(expected);
        }
      }
    }
  }
}
