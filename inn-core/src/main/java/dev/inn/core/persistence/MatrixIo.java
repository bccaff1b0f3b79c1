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

  /** Reads what {@link #write} wrote. */
  public static Matrix read(DataInput in) throws IOException {
    int rows = in.readInt();
    int cols = in.readInt();
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = in.readFloat();
    }
    return new Matrix(rows, cols, d);
  }
}
