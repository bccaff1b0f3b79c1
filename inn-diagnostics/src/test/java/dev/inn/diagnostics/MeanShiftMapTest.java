package dev.inn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeanShiftMapTest {

  @Test
  void meanShiftFindsTheHigherOfTwoModes() {
    for (double heavyAt : new double[] {2, -2}) {
      SplittableRandom r = new SplittableRandom(3);
      int n = 2000;
      float[] v = new float[n * 2];
      for (int i = 0; i < n; i++) {
        double centre = i < 0.7 * n ? heavyAt : -heavyAt;
        v[2 * i] = (float) (centre + 0.3 * gaussian(r));
        v[2 * i + 1] = (float) (0.3 * gaussian(r));
      }
      float[] map = new MeanShiftMap(0.1, 16).estimate(new Matrix(n, 2, v), new float[] {1, 1}, 5);
      assertThat((double) map[0]).isCloseTo(heavyAt, within(0.1));
      assertThat((double) map[1]).isCloseTo(0, within(0.1));
    }
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
