package dev.inn.api.data;

import java.util.Arrays;

/**
 * A dense row-major matrix of floats: one row per sample, one column per dimension. The
 * array type at every plugin boundary (priors, simulators, data sets, posterior samples).
 *
 * <p>The record does not copy its array; treat a matrix handed to you as read-only.
 */
public record Matrix(int rows, int cols, float[] data) {

  public Matrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative matrix shape " + rows + " x " + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix data has " + data.length + " values, shape " + rows + " x " + cols + " needs " + (long) rows * cols);
    }
  }

  /** A zero matrix of the given shape. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new float[rows * cols]);
  }

  /** Copies a rectangular array of rows. */
  public static Matrix of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] data = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + cols);
      }
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return new Matrix(rows.length, cols, data);
  }

  /** One row repeated {@code n} times, e.g. an observation y* for a batch of samples. */
  public static Matrix repeatRow(float[] row, int n) {
    float[] data = new float[n * row.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(row, 0, data, i * row.length, row.length);
    }
    return new Matrix(n, row.length, data);
  }

  /** The value at ({@code row}, {@code col}). */
  public float get(int row, int col) {
    return data[row * cols + col];
  }

  /** A copy of one row. */
  public float[] row(int row) {
    return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
  }

  /** A copy of one column. */
  public float[] column(int col) {
    float[] out = new float[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = data[i * cols + col];
    }
    return out;
  }

  /** Each column's mean (NaN for a matrix without rows). */
  public double[] columnMeans() {
    double[] mean = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) {
        mean[c] += data[i * cols + c];
      }
    }
    for (int c = 0; c < cols; c++) {
      mean[c] /= rows;
    }
    return mean;
  }

  /** Each column's sample standard deviation (divisor rows - 1; 0 for a single row). */
  public double[] columnStandardDeviations() {
    double[] mean = columnMeans();
    double[] sd = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) {
        double e = data[i * cols + c] - mean[c];
        sd[c] += e * e;
      }
    }
    for (int c = 0; c < cols; c++) {
      sd[c] = Math.sqrt(sd[c] / Math.max(1, rows - 1));
    }
    return sd;
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Matrix rows(int from, int to) {
    return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /** The rows at the given indices, copied in that order. */
  public Matrix selectRows(int[] indices) {
    float[] out = new float[indices.length * cols];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(data, indices[i] * cols, out, i * cols, cols);
    }
    return new Matrix(indices.length, cols, out);
  }

  /** Columns {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Matrix columns(int from, int to) {
    int w = to - from;
    float[] out = new float[rows * w];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols + from, out, i * w, w);
    }
    return new Matrix(rows, w, out);
  }

  /** [this, other] side by side; both must have the same number of rows. */
  public Matrix concatColumns(Matrix other) {
    if (other.rows != rows) {
      throw new IllegalArgumentException("cannot join " + rows + " rows with " + other.rows + " rows");
    }
    int w = cols + other.cols;
    float[] out = new float[rows * w];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, out, i * w, cols);
      System.arraycopy(other.data, i * other.cols, out, i * w + cols, other.cols);
    }
    return new Matrix(rows, w, out);
  }

  /** The index of the first non-finite value, or -1 when all values are finite. */
  public int firstNonFinite() {
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Matrix[" + rows + " x " + cols + "]";
  }
}
