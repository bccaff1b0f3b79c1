package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gradient scatter and column sums: the vector kernel gives the plain loops' bits. */
class GradientSumKernelTest {

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void addIntoMatchesThePlainLoopAtAnyOffsetAndLength() {
    SplittableRandom r = new SplittableRandom(11);
    for (int n : new int[] {0, 1, 7, 16, 32, 37, 100}) {
      float[] x = gaussian(r, n + 9);
      float[] scalar = gaussian(r, n + 5);
      float[] vector = scalar.clone();
      new ElementKernels.Scalar().addInto(x, 9, scalar, 5, n);
      new VectorElementKernels().addInto(x, 9, vector, 5, n);
      assertThat(vector).as("n = %d", n).containsExactly(scalar);
    }
    float[] into = {1f, 2f, 3f};
    new VectorElementKernels().addInto(new float[] {0f, 10f, 20f, 30f}, 1, into, 0, 3);
    assertThat(into).containsExactly(11f, 22f, 33f);
  }

  @Test
  void columnSumsKeepTheRowOrderOfThePlainLoop() {
    SplittableRandom r = new SplittableRandom(12);
    for (int[] shape : new int[][] {{1, 1}, {6400, 32}, {37, 192}, {5, 21}, {3, 3}}) {
      int rows = shape[0];
      int cols = shape[1];
      float[] a = gaussian(r, rows * cols);
      float[] scalar = gaussian(r, cols);
      float[] vector = scalar.clone();
      new ElementKernels.Scalar().columnSums(a, rows, cols, scalar);
      new VectorElementKernels().columnSums(a, rows, cols, vector);
      assertThat(vector).as("%d x %d", rows, cols).containsExactly(scalar);
    }
    float[] into = {0.5f, -1f};
    new VectorElementKernels().columnSums(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2, into);
    assertThat(into).containsExactly(9.5f, 11f);
  }
}
