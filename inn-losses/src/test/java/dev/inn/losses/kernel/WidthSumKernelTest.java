package dev.inn.losses.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian and inverse multiquadratic kernels, written as sums over widths: the array form
 * equals the element-wise methods bit for bit, the values are the closed forms, and the
 * derivative agrees with a central finite difference.
 */
class WidthSumKernelTest {

  private static final double[] WIDTHS = {0.2, 1.0, 3.5};

  @Test
  void arrayFormValuesAndSlopesAreTheKernelsOwn() {
    for (WidthSumKernel kernel : List.of(new GaussianKernel(WIDTHS), new InverseMultiquadraticKernel(WIDTHS))) {
      SplittableRandom r = new SplittableRandom(2);
      int n = 300;
      float[] d = new float[n];
      for (int i = 0; i < n; i++) {
        d[i] = i % 11 == 0 ? 0f : (float) Math.abs(r.nextGaussian() * 4);
      }
      float[] fx = new float[n];
      float[] dfdx = new float[n];
      kernel.applyAll(d, fx, dfdx, 2, n - 3);
      for (int i = 2; i < n - 3; i++) {
        float value = kernel.apply(d[i]);
        assertThat(Float.floatToIntBits(fx[i])).isEqualTo(Float.floatToIntBits(value));
        assertThat(Float.floatToIntBits(dfdx[i])).isEqualTo(Float.floatToIntBits(kernel.derivative(d[i], value)));
        double closed = 0;
        double step = 1e-4 * Math.max(1, d[i]);
        double up = 0;
        double down = 0;
        for (double h : WIDTHS) {
          closed += form(kernel, d[i], h);
          up += form(kernel, d[i] + step, h);
          down += form(kernel, d[i] - step, h);
        }
        assertThat((double) fx[i]).isCloseTo(closed, within(1e-6 * Math.abs(closed) + 1e-7));
        assertThat((double) dfdx[i]).isCloseTo((up - down) / (2 * step), within(1e-3 * Math.abs(dfdx[i]) + 1e-5));
      }
      assertThat(fx[0]).isZero();
      assertThat(fx[n - 1]).isZero();
    }
  }

  private static double form(WidthSumKernel kernel, double d, double h) {
    return kernel instanceof GaussianKernel ? Math.exp(-d / (2 * h * h)) : 1 / (1 + d / (h * h));
  }
}
