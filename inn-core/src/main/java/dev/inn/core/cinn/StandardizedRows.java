package dev.inn.core.cinn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reference rows in units of their columns: each column's mean and spread (its standard
 * deviation over the rows, 1 where the column is constant) and the rows standardised by them,
 * row-major. What the two nearest-neighbour references of the misspecification check
 * ({@link SummaryReference}, {@link LevelReference}) keep, compare against and store.
 */
record StandardizedRows(float[] mean, float[] spread, float[] rows) {

  /** From the first {@code n} rows of {@code data} ({@code width} columns, row-major). */
  static StandardizedRows of(float[] data, int width, int n) {
    float[] mean = new float[width];
    float[] spread = new float[width];
    for (int c = 0; c < width; c++) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        double v = data[i * width + c];
        s += v;
        s2 += v * v;
      }
      double m = s / n;
      double sd = Math.sqrt(Math.max(s2 / n - m * m, 0));
      mean[c] = (float) m;
      spread[c] = sd > 1e-6 ? (float) sd : 1f;
    }
    float[] rows = new float[n * width];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (data[i] - mean[i % width]) / spread[i % width];
    }
    return new StandardizedRows(mean, spread, rows);
  }

  /** Columns per row. */
  int width() {
    return mean.length;
  }

  /** Number of rows. */
  int count() {
    return rows.length / mean.length;
  }

  /** The values {@code x} of one row in these units. */
  float[] standardize(float[] x) {
    float[] z = new float[mean.length];
    for (int c = 0; c < z.length; c++) {
      z[c] = (x[c] - mean[c]) / spread[c];
    }
    return z;
  }

  /**
   * The mean Euclidean distance of standardised {@code z} to its
   * {@value SummaryReference#NEIGHBOURS} nearest rows, leaving row {@code skip} out (-1: none);
   * the nearest rows, nearest first, into {@code near} unless null.
   */
  double meanNearest(float[] z, int skip, int[] near) {
    int k = SummaryReference.NEIGHBOURS;
    int width = mean.length;
    int count = rows.length / width;
    double[] nearest = new double[k];
    int[] nearestRows = new int[k];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < count; i++) {
      if (i == skip) {
        continue;
      }
      double d2 = 0;
      for (int c = 0; c < width; c++) {
        double d = z[c] - rows[i * width + c];
        d2 += d * d;
      }
      // keep the k smallest, the largest of them last
      if (d2 < nearest[k - 1]) {
        int j = k - 1;
        while (j > 0 && nearest[j - 1] > d2) {
          nearest[j] = nearest[j - 1];
          nearestRows[j] = nearestRows[j - 1];
          j--;
        }
        nearest[j] = d2;
        nearestRows[j] = i;
      }
    }
    if (near != null) {
      System.arraycopy(nearestRows, 0, near, 0, k);
    }
    double sum = 0;
    for (double d2 : nearest) {
      sum += Math.sqrt(d2);
    }
    return sum / k;
  }

  /** Writes each column's mean and spread, then the rows (the reader knows the sizes). */
  void write(DataOutput out) throws IOException {
    for (int c = 0; c < mean.length; c++) {
      out.writeFloat(mean[c]);
      out.writeFloat(spread[c]);
    }
    for (float v : rows) {
      out.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote for {@code n} rows of {@code width} columns. */
  static StandardizedRows read(DataInput in, int width, int n) throws IOException {
    float[] mean = new float[width];
    float[] spread = new float[width];
    for (int c = 0; c < width; c++) {
      mean[c] = in.readFloat();
      spread[c] = in.readFloat();
    }
    float[] rows = new float[n * width];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = in.readFloat();
    }
    return new StandardizedRows(mean, spread, rows);
  }

  /** Writes {@code values} in order. */
  static void writeDoubles(DataOutput out, double[] values) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  /** Reads {@code n} values written by {@link #writeDoubles}. */
  static double[] readDoubles(DataInput in, int n) throws IOException {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
