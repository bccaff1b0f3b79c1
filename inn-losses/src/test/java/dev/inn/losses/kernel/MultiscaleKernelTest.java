package dev.inn.losses.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The array form of the multiscale kernel (blocked, scale by scale) gives exactly the values
 * and derivatives of the element-wise methods, for every special-cased exponent and a general
 * one, over ranges that do not start at 0 and span several blocks.
 */
class MultiscaleKernelTest {

  @Test
  void arrayFormEqualsTheElementWiseMethodsBitForBit() {
    MultiscaleKernel kernel = new MultiscaleKernel(new double[][] {{0.1, 0.1}, {0.8, 0.5}, {0.2, 2.0}, {1.5, 1.0},
        {3.0, 2.0}});
    SplittableRandom r = new SplittableRandom(4);
    int n = 1500;
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = i % 7 == 0 ? 0f : (float) Math.abs(r.nextGaussian() * (i % 3 == 0 ? 0.01 : 20));
    }
    float[] fx = new float[n];
    float[] dfdx = new float[n];
    int from = 3;
    int to = n - 5;
    kernel.applyAll(d, fx, dfdx, from, to);
    float[] valuesOnly = new float[n];
    kernel.applyAll(d, valuesOnly, null, from, to);
    for (int i = 0; i < n; i++) {
      boolean inside = i >= from && i < to;
      float value = inside ? kernel.apply(d[i]) : 0f;
      float slope = inside ? kernel.derivative(d[i], value) : 0f;
      assertThat(Float.floatToIntBits(fx[i])).as("k(%s) at %d", d[i], i).isEqualTo(Float.floatToIntBits(value));
      assertThat(Float.floatToIntBits(dfdx[i])).as("k'(%s) at %d", d[i], i).isEqualTo(Float.floatToIntBits(slope));
      assertThat(Float.floatToIntBits(valuesOnly[i])).isEqualTo(Float.floatToIntBits(value));
    }
    assertThat(fx[from]).isGreaterThan(0f);
    assertThat(dfdx[from]).isLessThan(0f);
  }
}
