package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import java.util.List;
import java.util.SplittableRandom;

/** Row permutations and joins shared by the in-memory and the streamed rows. */
final class RowOrder {

  private RowOrder() {}

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher-Yates in place, from the last position down (the order the trainer always used). */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The rows {@code from .. to - 1} of {@code order}. */
  static int[] slice(int[] order, int from, int to) {
    return java.util.Arrays.copyOfRange(order, from, to);
  }

  /** The rows of {@code parts} one after the other (all of the same columns). */
  static Dataset concat(List<Dataset> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int rows = 0;
    for (Dataset p : parts) {
      rows += p.size();
    }
    Dataset first = parts.get(0);
    int xc = first.x().cols();
    int yc = first.y().cols();
    boolean ragged = first.ragged();
    float[] x = new float[rows * xc];
    float[] y = new float[rows * yc];
    int[] lengths = new int[ragged ? rows : 0];
    int at = 0;
    for (Dataset p : parts) {
      if (p.x().cols() != xc || p.y().cols() != yc || p.ragged() != ragged) {
        throw new IllegalArgumentException("chunks of different columns cannot be joined: (" + xc + ", " + yc
            + ") and (" + p.x().cols() + ", " + p.y().cols() + ")");
      }
      System.arraycopy(p.x().data(), 0, x, at * xc, p.size() * xc);
      System.arraycopy(p.y().data(), 0, y, at * yc, p.size() * yc);
      if (ragged) {
        System.arraycopy(p.lengths(), 0, lengths, at, p.size());
      }
      at += p.size();
    }
    return new Dataset(new Matrix(rows, xc, x), new Matrix(rows, yc, y), lengths);
  }
}
