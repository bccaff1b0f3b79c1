package dev.inn.core.persistence;

import dev.inn.api.data.Matrix;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A matrix in binary files the project writes (model state, suite cells): rows, columns, then the floats row by row. */
public final class MatrixIo {

  private MatrixIo() {}

  /** Writes {@code m} as rows, columns and its values. */
  public static void write(DataOutput out, Matrix m) throws IOException {
    out.writeInt(m.rows());
    out.writeInt(m.cols());
    for (float f : m.data()) {
      out.writeFloat(f);
    }
  }

  /**
   * Checks a count read from a file before anything is allocated for it: not negative, and its
   * elements of at least {@code minBytes} each fit in the bytes the stream has left (when it is
   * a stream that knows, as the in-memory streams of model files and suite cells do).
   *
   * @param what what is counted, for the message
   * @return the count as an int
   */
  public static int checkCount(DataInput in, long count, int minBytes, String what) throws IOException {
    if (count < 0) {
      throw new IOException("a " + what + " with a negative size (" + count + ")");
    }
    long left = in instanceof java.io.InputStream s ? s.available() : Integer.MAX_VALUE;
    if (count > Integer.MAX_VALUE - 16 || count * minBytes > left) {
      throw new IOException("a " + what + " of " + count + " elements, more than the " + left
          + " bytes left can hold");
    }
    return (int) count;
  }

  /** Reads what {@link #write} wrote. */
  public static Matrix read(DataInput in) throws IOException {
    int rows = in.readInt();
    int cols = in.readInt();
    if (rows < 0 || cols < 0) {
      throw new IOException("a matrix of " + rows + " x " + cols + " values");
    }
    float[] d = new float[checkCount(in, (long) rows * cols, Float.BYTES, rows + " x " + cols + " matrix")];
    for (int i = 0; i < d.length; i++) {
      d[i] = in.readFloat();
    }
    return new Matrix(rows, cols, d);
  }
}
