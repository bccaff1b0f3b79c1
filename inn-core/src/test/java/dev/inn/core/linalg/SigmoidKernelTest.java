package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The gates' sigmoid and tanh: close to the exact functions, and the same bits in both kernels. */
class SigmoidKernelTest {

  private static float[] arguments() {
    float[] x = new float[40_001];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sinh((i - 20_000) * 2.5e-4);  // dense near 0, out to about +-74
    }
    return x;
  }

  @Test
  void closeToTheExactFunctions() {
    for (boolean tanh : new boolean[] {false, true}) {
      float[] x = arguments();
      float[] y = x.clone();
      new ElementKernels.Scalar().sigmoid(y, 0, y.length, tanh);
      for (int i = 0; i < x.length; i++) {
        double exact = tanh ? Math.tanh(x[i]) : 1 / (1 + Math.exp(-x[i]));
        assertThat((double) y[i]).as("%s(%s)", tanh ? "tanh" : "sigmoid", x[i])
            .isCloseTo(exact, Offset.offset(3e-7 + 4 * Math.ulp((float) exact)));
      }
    }
  }

  @Test
  void vectorAndPortableKernelsAgreeBitForBitAtAnyOffset() {
    for (boolean tanh : new boolean[] {false, true}) {
      float[] scalar = arguments();
      float[] vector = scalar.clone();
      new ElementKernels.Scalar().sigmoid(scalar, 3, scalar.length - 5, tanh);
      new VectorElementKernels().sigmoid(vector, 3, vector.length - 5, tanh);
      assertThat(vector).containsExactly(scalar);
    }
  }
}
