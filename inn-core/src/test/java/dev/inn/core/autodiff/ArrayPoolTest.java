package dev.inn.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayPoolTest {

  @Test
  void stepsOfTheSameShapeGetTheSameArraysBack() {
    ArrayPool pool = new ArrayPool();
    float[] a = pool.take(100);
    float[] b = pool.take(300);
    pool.releaseAll();
    for (int step = 0; step < 5; step++) {
      assertThat(pool.take(100)).isSameAs(a);
      assertThat(pool.take(300)).isSameAs(b);
      pool.releaseAll();
    }
  }

  @Test
  void raggedStepsOfEverNewLengthsKeepThePoolBounded() {
    // a sequence batch's arrays are sized by the sum of its lengths, new almost every step
    ArrayPool pool = new ArrayPool();
    long peak = 0;
    for (int step = 0; step < 2000; step++) {
      long used = 0;
      for (int k = 0; k < 4; k++) {
        int n = 1000 + step * 7 + k;
        pool.take(n);
        used += n;
      }
      peak = Math.max(peak, used);
      pool.releaseAll();
      assertThat(pool.pooledFloats()).isLessThanOrEqualTo(2 * peak);
    }
  }
}
