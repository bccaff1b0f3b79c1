package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector kernel against the portable one and a double-precision reference, on awkward shapes. */
class GemmTest {

  @Test
  void kernelsAgreeWithReferenceOnAllShapes() {
    assertThat(Gemm.best().description()).as("tests run with the Vector API module").startsWith("vector");
    SplittableRandom r = new SplittableRandom(3);
    int[][] shapes = {{1, 1, 1}, {7, 3, 5}, {13, 128, 16}, {200, 8, 128}, {9, 17, 40}, {64, 33, 8}, {12, 20, 10},
        {8, 16, 200}, {6, 5, 77}, {13, 128, 4}, {21, 9, 20}, {19, 33, 36}, {4, 7, 4}};
    for (int[] s : shapes) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[] a = new float[n * k];
      float[] b = new float[k * m];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) r.nextGaussian();
      }
      float[] cv = new float[n * m];
      float[] cs = new float[n * m];
      java.util.Arrays.fill(cv, 1f);
      java.util.Arrays.fill(cs, 1f);
      Gemm.best().multiply(a, b, cv, k, m, 0, n, true);
      new ScalarGemm().multiply(a, b, cs, k, m, 0, n, true);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double ref = 1;
          for (int p = 0; p < k; p++) {
            ref += (double) a[i * k + p] * b[p * m + j];
          }
          assertThat((double) cv[i * m + j]).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-3 * (1 + k)));
          assertThat((double) cs[i * m + j]).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-3 * (1 + k)));
        }
      }
    }
  }

  @Test
  void transposedLeftFactorEqualsAnExplicitTranspose() {
    SplittableRandom r = new SplittableRandom(5);
    // A is n x k, B is n x m, C = A^T B is k x m: weight-gradient shapes and awkward ones
    int[][] shapes = {{200, 128, 128}, {256, 37, 10}, {9, 13, 70}, {64, 8, 16}, {5, 3, 1}};
    for (int[] s : shapes) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[] a = new float[n * k];
      float[] b = new float[n * m];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) r.nextGaussian();
      }
      float[] at = new float[k * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          at[j * n + i] = a[i * k + j];
        }
      }
      for (Gemm g : new Gemm[] {Gemm.best(), new ScalarGemm()}) {
        float[] direct = new float[k * m];
        float[] viaCopy = new float[k * m];
        java.util.Arrays.fill(direct, 0.5f);
        java.util.Arrays.fill(viaCopy, 0.5f);
        g.multiplyTransposedA(a, b, direct, n, k, m, 0, k, true);
        g.multiply(at, b, viaCopy, n, m, 0, k, true);
        // the same multiply-adds in the same order: identical, not merely close
        assertThat(direct).as(g.description() + " " + java.util.Arrays.toString(s)).containsExactly(viaCopy);
      }
    }
  }

  @Test
  void everyElementIsOneChainOfMultiplyAddsWhateverItsColumnBlock() {
    // the 128-bit kernel of a four-column rest, the masked and the wide ones all compute
    // c + (((0 + a0 b0) + a1 b1) + ...) as fused multiply-adds: equal bit for bit, for row
    // counts that leave 8-row, 4-row and single-row groups and for rests of 4 and of other widths
    SplittableRandom r = new SplittableRandom(6);
    int[][] shapes = {{13, 128, 4}, {29, 34, 20}, {11, 5, 36}, {17, 64, 68}, {9, 3, 6}, {24, 128, 128}};
    for (int[] s : shapes) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[] a = new float[n * k];
      float[] b = new float[k * m];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) r.nextGaussian();
      }
      float[] c = new float[n * m];
      java.util.Arrays.fill(c, 0.25f);
      Gemm.best().multiply(a, b, c, k, m, 0, n, true);
      float[] chain = new float[n * m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          float sum = 0f;
          for (int p = 0; p < k; p++) {
            sum = Math.fma(a[i * k + p], b[p * m + j], sum);
          }
          chain[i * m + j] = 0.25f + sum;
        }
      }
      assertThat(c).as(java.util.Arrays.toString(s)).containsExactly(chain);
    }
  }

  @Test
  void rowSplitGivesIdenticalResultsForAnyThreadCount() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 203;
    int k = 40;
    int m = 72;
    float[] a = new float[n * k];
    float[] b = new float[k * m];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextGaussian();
    }
    float[] one = new float[n * m];
    float[] two = new float[n * m];
    try (RowParallel p1 = new RowParallel(1); RowParallel p2 = new RowParallel(2)) {
      p1.run(n, Long.MAX_VALUE, (f, t) -> Gemm.best().multiply(a, b, one, k, m, f, t, false));
      p2.run(n, Long.MAX_VALUE, (f, t) -> Gemm.best().multiply(a, b, two, k, m, f, t, false));
    }
    assertThat(two).containsExactly(one);
  }
}
