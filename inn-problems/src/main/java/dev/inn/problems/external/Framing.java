package dev.inn.problems.external;

import dev.inn.api.data.Matrix;
import dev.inn.problems.dataset.NpyReader;
import dev.inn.problems.dataset.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a batch travels between the project and a simulator process (docs/external-simulators.md).
 * A request is one ASCII line {@code SEED ROWS COLS BYTES} followed by BYTES bytes of payload
 * holding x; the reply holds y for the same rows, in order.
 */
public enum Framing {
  /** Payload and reply are {@code .npy} arrays: x as float64 (ROWS, COLS), y as float32/64 (ROWS, M). */
  NPY,
  /** Payload and reply are text: one line per row, numbers separated by spaces ({@code nan} marks a failed row). */
  TEXT;

  /** Parses the setting value {@code "npy"} or {@code "text"}. */
  public static Framing parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "npy" -> NPY;
      case "text" -> TEXT;
      default -> throw new IllegalArgumentException("framing must be \"npy\" or \"text\", got \"" + s + "\"");
    };
  }

  /** Writes one request and flushes. */
  void writeRequest(OutputStream out, long seed, Matrix x) throws IOException {
    byte[] payload = this == NPY ? NpyWriter.float64(x) : text(x);
    String header = seed + " " + x.rows() + " " + x.cols() + " " + payload.length + "\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(payload);
    out.flush();
  }

  private static byte[] text(Matrix x) {
    StringBuilder b = new StringBuilder(x.rows() * x.cols() * 12);
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        if (c > 0) {
          b.append(' ');
        }
        // shortest decimal that reads back as the same float
        b.append(Float.toString(x.get(r, c)));
      }
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads the reply for {@code rows} rows of {@code cols} outputs. A malformed reply is an
   * {@link IOException} naming what was wrong; NaN and infinity are returned as they are.
   */
  Matrix readReply(InputStream in, int rows, int cols, String source) throws IOException {
    if (this == NPY) {
      Matrix y;
      try {
        y = NpyReader.read(in, source);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (y.rows() != rows || y.cols() != cols) {
        throw new IOException(source + " replied with a (" + y.rows() + ", " + y.cols() + ") array to a batch of "
            + rows + " rows; expected (" + rows + ", " + cols + ")");
      }
      return y;
    }
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      String line = readLine(in, source, r, rows);
      String[] tokens = line.strip().split("[\\s,]+");
      if (tokens.length != cols || line.isBlank()) {
        throw new IOException(source + " reply line " + (r + 1) + " of " + rows + " has " + (line.isBlank() ? 0
            : tokens.length) + " numbers, expected " + cols + ": \"" + abbreviate(line) + "\"");
      }
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = number(tokens[c], source, r);
      }
    }
    return new Matrix(rows, cols, out);
  }

  private static String readLine(InputStream in, String source, int r, int rows) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      int ch = in.read();
      if (ch < 0) {
        throw new EOFException(source + " closed its output after " + r + " of " + rows + " reply lines");
      }
      if (ch == '\n') {
        return b.toString(StandardCharsets.US_ASCII);
      }
      b.write(ch);
    }
  }

  private static float number(String t, String source, int r) throws IOException {
    String s = t.toLowerCase(Locale.ROOT);
    if (s.equals("nan") || s.equals("-nan") || s.equals("+nan")) {
      return Float.NaN;
    }
    if (s.equals("inf") || s.equals("+inf") || s.equals("infinity")) {
      return Float.POSITIVE_INFINITY;
    }
    if (s.equals("-inf") || s.equals("-infinity")) {
      return Float.NEGATIVE_INFINITY;
    }
    try {
      return (float) Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IOException(source + " reply line " + (r + 1) + ": '" + abbreviate(t) + "' is not a number");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
