package dev.inn.core.random;

import dev.inn.api.data.Matrix;
import java.util.SplittableRandom;

/** Independent normal draws as a matrix, row by row from one seeded generator (so results do not depend on chunking). */
public final class GaussianNoise {

  private GaussianNoise() {}

  /** A rows x cols matrix of N(0, sigma^2) draws. */
  public static Matrix draw(SplittableRandom random, int rows, int cols, float sigma) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (sigma * random.nextGaussian());
    }
    return new Matrix(rows, cols, d);
  }
}
