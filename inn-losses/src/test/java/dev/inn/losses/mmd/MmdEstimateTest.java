package dev.inn.losses.mmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MmdEstimateTest {

  /** Inverse multiquadric 1 / (1 + d). */
  private static final Kernel IMQ = new Kernel() {
    @Override
    public float apply(float d) {
      return 1 / (1 + d);
    }

    @Override
    public float derivative(float d, float fd) {
      return -fd * fd;
    }
  };

  private static Matrix normals(int n, int d, double shift, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() + shift);
    }
    return new Matrix(n, d, v);
  }

  @Test
  void handComputedTwoPointSets() {
    // a = {0, 1}, b = {0, 3} in 1-D: k_aa = k(1) = 0.5, k_bb = k(9) = 0.1,
    // k_ab mean = (k(0) + k(9) + k(1) + k(4)) / 4 = (1 + 0.1 + 0.5 + 0.2) / 4 = 0.45
    Matrix a = new Matrix(2, 1, new float[] {0, 1});
    Matrix b = new Matrix(2, 1, new float[] {0, 3});
    assertThat(MmdEstimate.squared(a, b, IMQ)).isCloseTo(0.5 + 0.1 - 0.9, within(1e-6));
  }

  @Test
  void sameDistributionNearZeroShiftedClearlyPositive() {
    double same = MmdEstimate.squared(normals(400, 2, 0, 1), normals(400, 2, 0, 2), IMQ);
    double shifted = MmdEstimate.squared(normals(400, 2, 0, 1), normals(400, 2, 1, 3), IMQ);
    assertThat(Math.abs(same)).isLessThan(0.01);
    assertThat(shifted).isGreaterThan(0.05);
  }
}
