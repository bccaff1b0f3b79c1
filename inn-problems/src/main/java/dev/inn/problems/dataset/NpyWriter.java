package dev.inn.problems.dataset;

import dev.inn.api.data.Matrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a matrix as a NumPy {@code .npy} array (format 1.0, C order, little-endian), the
 * counterpart of {@link NpyReader}. The bytes depend only on the values, so equal matrices give
 * equal files.
 */
public final class NpyWriter {

  private NpyWriter() {
  }

  /** The matrix as a {@code (rows, cols)} float32 array. */
  public static byte[] float32(Matrix m) {
    ByteBuffer buf = start(m, "<f4", 4);
    for (float v : m.data()) {
      buf.putFloat(v);
    }
    return buf.array();
  }

  /** The matrix as a {@code (rows, cols)} float64 array (each float widened exactly). */
  public static byte[] float64(Matrix m) {
    ByteBuffer buf = start(m, "<f8", 8);
    for (float v : m.data()) {
      buf.putDouble(v);
    }
    return buf.array();
  }

  private static ByteBuffer start(Matrix m, String descr, int width) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
    // magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in a newline
    int unpadded = 10 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    StringBuilder header = new StringBuilder(dict);
    header.append(" ".repeat(padded - unpadded)).append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buf = ByteBuffer.allocate(10 + h.length + m.data().length * width).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) h.length);
    buf.put(h);
    return buf;
  }
}
