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
   * A reply that is not exactly what was asked: a wrong shape, a malformed line, or output
   * going on after the last row. Unlike a crash (end of stream) it means the simulator and the
   * project disagree about the protocol, so the run stops rather than retrying.
   */
  static final class ProtocolException extends IOException {
    ProtocolException(String message) {
      super(message);
    }
  }

  /** Longest accepted text reply line for {@code cols} numbers: generous, but bounded. */
  static int maxLineBytes(int cols) {
    return 256 + 64 * cols;
  }

  /**
   * Reads the reply for {@code rows} rows of {@code cols} outputs, never more than such a reply
   * can hold. A malformed reply is a {@link ProtocolException} naming what was wrong, an early
   * end of stream an {@link EOFException}; NaN and infinity are returned as they are. Output
   * beyond the reply is checked by the caller ({@link #checkNothingMore}).
   */
  Matrix readReply(InputStream in, int rows, int cols, String source) throws IOException {
    if (this == NPY) {
      Matrix y;
      try {
        // float64 is the widest dtype a reply may have: a header announcing more is refused unread
        y = NpyReader.read(in, source, (long) rows * cols * Double.BYTES);
      } catch (EOFException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ProtocolException(e.getMessage() + " (a batch of " + rows + " rows asks for a (" + rows + ", "
            + cols + ") array)");
      }
      if (y.rows() != rows || y.cols() != cols) {
        throw new ProtocolException(source + " replied with a (" + y.rows() + ", " + y.cols() + ") array to a batch of "
            + rows + " rows; expected (" + rows + ", " + cols + ")");
      }
      return y;
    }
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      String line = readLine(in, source, r, rows, maxLineBytes(cols));
      String[] tokens = line.strip().split("[\\s,]+");
      if (tokens.length != cols || line.isBlank()) {
        throw new ProtocolException(source + " reply line " + (r + 1) + " of " + rows + " has " + (line.isBlank() ? 0
            : tokens.length) + " numbers, expected " + cols + ": \"" + abbreviate(line) + "\"");
      }
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = number(tokens[c], source, r);
      }
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * A reply of sets or sequences: each row's elements, padded to the batch's longest row
   * (element-major), and each row's number of elements.
   *
   * @param padded rows of {@code max(lengths) * width} values (at least one element's width)
   * @param lengths elements per row
   */
  record RaggedReply(Matrix padded, int[] lengths) {}

  /**
   * Reads the reply of a simulator of sets or sequences for {@code rows} rows of elements of
   * {@code width} values, at most {@code maxLength} elements per row (docs/external-simulators.md).
   * NPY: an array of the rows' lengths, then one (total elements, width) array of all elements
   * in row order. Text: one line per row, its element count n and then its n * width values.
   */
  RaggedReply readRaggedReply(InputStream in, int rows, int width, int maxLength, String source) throws IOException {
    int[] lengths = new int[rows];
    float[][] elements = new float[rows][];
    if (this == NPY) {
      Matrix len;
      Matrix values;
      try {
        len = NpyReader.read(in, source, (long) rows * Long.BYTES);
        if (len.rows() * len.cols() != rows || (len.cols() != 1 && len.rows() != 1)) {
          throw new ProtocolException(source + " replied with lengths of shape (" + len.rows() + ", " + len.cols()
              + ") to a batch of " + rows + " rows; expected (" + rows + ",)");
        }
        long total = 0;
        for (int r = 0; r < rows; r++) {
          lengths[r] = length(len.data()[r], maxLength, source, r, rows);
          total += lengths[r];
        }
        values = NpyReader.read(in, source, total * width * Double.BYTES);
        if (values.rows() * values.cols() != total * width || (values.rows() != total && total > 0)) {
          throw new ProtocolException(source + " replied with elements of shape (" + values.rows() + ", "
              + values.cols() + ") after lengths that add up to " + total + "; expected (" + total + ", " + width + ")");
        }
      } catch (EOFException | ProtocolException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ProtocolException(e.getMessage() + " (a batch of " + rows + " rows of sets or sequences asks for a"
            + " lengths array and an (elements, " + width + ") array)");
      }
      int at = 0;
      for (int r = 0; r < rows; r++) {
        elements[r] = java.util.Arrays.copyOfRange(values.data(), at, at + lengths[r] * width);
        at += lengths[r] * width;
      }
    } else {
      for (int r = 0; r < rows; r++) {
        String line = readLine(in, source, r, rows, maxLineBytes(1 + maxLength * width));
        String[] tokens = line.strip().split("[\\s,]+");
        if (line.isBlank()) {
          throw new ProtocolException(source + " reply line " + (r + 1) + " of " + rows + " is empty; expected the"
              + " number of elements, then their values");
        }
        lengths[r] = length(number(tokens[0], source, r), maxLength, source, r, rows);
        if (tokens.length != 1 + lengths[r] * width) {
          throw new ProtocolException(source + " reply line " + (r + 1) + " of " + rows + " announces " + lengths[r]
              + " elements of " + width + " values but holds " + (tokens.length - 1) + " values: \""
              + abbreviate(line) + "\"");
        }
        elements[r] = new float[lengths[r] * width];
        for (int k = 0; k < elements[r].length; k++) {
          elements[r][k] = number(tokens[1 + k], source, r);
        }
      }
    }
    int longest = 1;
    for (int l : lengths) {
      longest = Math.max(longest, l);
    }
    float[] padded = new float[rows * longest * width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(elements[r], 0, padded, r * longest * width, elements[r].length);
    }
    return new RaggedReply(new Matrix(rows, longest * width, padded), lengths);
  }

  private static int length(float v, int maxLength, String source, int r, int rows) throws ProtocolException {
    if (v != Math.rint(v) || v < 0 || v > maxLength) {
      throw new ProtocolException(source + " gave row " + (r + 1) + " of " + rows + " the length " + v + "; a length"
          + " is a whole number from 0 to max_length = " + maxLength);
    }
    return (int) v;
  }

  /**
   * Refuses output the simulator wrote beyond a complete reply of {@code rows} rows (read so
   * far, or waiting in the pipe): left there it would become the start of the next batch's reply
   * and shift every later row onto another row's x. Reads at most a line of it, for the message.
   */
  static void checkNothingMore(InputStream in, int rows, String source) throws IOException {
    int pending = in.available();
    if (pending <= 0) {
      return;
    }
    byte[] head = new byte[Math.min(pending, 80)];
    int n = in.read(head);
    String start = new String(head, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    throw new ProtocolException(source + " wrote more than asked: its reply to a batch of " + rows
        + " rows went on after the last row (" + (pending > 80 ? "at least " : "") + pending + " more bytes, starting \""
        + abbreviate(start) + "\"); a reply must hold exactly the rows asked (docs/external-simulators.md)");
  }

  private static String readLine(InputStream in, String source, int r, int rows, int maxBytes) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      int ch = in.read();
      if (ch < 0) {
        throw new EOFException(source + " closed its output after " + r + " of " + rows + " reply lines");
      }
      if (ch == '\n') {
        return b.toString(StandardCharsets.US_ASCII);
      }
      if (b.size() >= maxBytes) {
        throw new ProtocolException(source + " reply line " + (r + 1) + " of " + rows + " is longer than " + maxBytes
            + " bytes: \"" + abbreviate(b.toString(StandardCharsets.US_ASCII)) + "\"");
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
      throw new ProtocolException(source + " reply line " + (r + 1) + ": '" + abbreviate(t) + "' is not a number");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
