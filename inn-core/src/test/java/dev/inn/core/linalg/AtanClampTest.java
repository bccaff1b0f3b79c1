package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AtanClampTest {

  private static float[] arguments() {
    float[] x = new float[200_003];
    for (int i = 0; i < x.length - 3; i++) {
      x[i] = (float) Math.sinh((i - 100_000) * 2e-4);  // dense near 0, out to about +-2e8
    }
    x[x.length - 3] = Float.POSITIVE_INFINITY;
    x[x.length - 2] = Float.NEGATIVE_INFINITY;
    x[x.length - 1] = Float.NaN;
    return x;
  }

  @Test
  void clampAndSlopeAreWithinAFewUlpsOfTheExactFunctions() {
    float alpha = 1.9f;
    float[] x = arguments();
    float[] out = new float[x.length];
    float[] slope = new float[x.length];
    new ElementKernels.Scalar().atanClamp(x, out, slope, 0, x.length, alpha);
    for (int i = 0; i < x.length - 3; i++) {
      double v = (double) x[i] / alpha;
      double exact = 2 * alpha / Math.PI * StrictMath.atan(v);
      assertThat(Math.abs(out[i] - exact)).as("x = %s", x[i]).isLessThanOrEqualTo(4 * Math.ulp((float) exact));
      assertThat(Math.abs(out[i])).isLessThanOrEqualTo(alpha + Math.ulp(alpha));
      double exactSlope = 2 / Math.PI / (1 + v * v);
      // x / alpha is rounded to float first (and, for the slope, squared)
      assertThat(Math.abs(slope[i] - exactSlope)).isLessThanOrEqualTo(4 * Math.ulp((float) exactSlope));
    }
    assertThat(out[x.length - 3]).isCloseTo(alpha, org.assertj.core.data.Offset.offset(Math.ulp(alpha)));
    assertThat(out[x.length - 2]).isCloseTo(-alpha, org.assertj.core.data.Offset.offset(Math.ulp(alpha)));
    assertThat(out[x.length - 1]).isNaN();
  }

  @Test
  void vectorAndPortableKernelsAgreeBitForBitAtAnyOffset() {
    float[] x = arguments();
    ElementKernels scalar = new ElementKernels.Scalar();
    ElementKernels vector = new VectorElementKernels();
    for (int from : new int[] {0, 3, 17}) {
      float[] out1 = new float[x.length];
      float[] out2 = new float[x.length];
      float[] s1 = new float[x.length];
      float[] s2 = new float[x.length];
      scalar.atanClamp(x, out1, s1, from, x.length - 5, 2f);
      vector.atanClamp(x, out2, s2, from, x.length - 5, 2f);
      assertThat(out2).isEqualTo(out1);
      assertThat(s2).isEqualTo(s1);
      for (int i = from; i < x.length - 5; i += 997) {
        assertThat(ElementKernels.atanClamp(x[i], 2f)).isEqualTo(out1[i]);
        assertThat(ElementKernels.atanClampSlope(x[i], 2f)).isEqualTo(s1[i]);
      }
    }
  }
}
