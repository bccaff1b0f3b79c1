package dev.inn.problems.dataset;

import dev.inn.api.data.Matrix;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} file holding a 1-D (one column) or 2-D array of float32, float64,
 * int32 or int64 in either byte order and C or Fortran order, as floats. Our own small reader
 * (format versions 1-3): it needs no native library and reports malformed files by name.
 */
public final class NpyReader {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {
  }

  /** The array in {@code file} as a float matrix (one column for a 1-D array). */
  public static Matrix read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new DataFileException(file + ": larger than 2 GB, which this reader does not support");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read fully
      }
      buf.flip();
      return parse(file.toString(), buf);
    } catch (NoSuchFileException e) {
      throw new DataFileException("data file not found: " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new DataFileException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads exactly one {@code .npy} array from a stream (e.g. a simulator's standard output),
   * consuming no byte past its end. {@code source} names the stream in errors; an end of
   * stream before the array is complete is an {@link java.io.EOFException}.
   */
  public static Matrix read(InputStream in, String source) throws IOException {
    return read(in, source, Integer.MAX_VALUE - 64L - (1 << 20));
  }

  /**
   * As {@link #read(InputStream, String)}, refusing (before reading them) arrays whose header
   * announces more than {@code maxDataBytes} data bytes: a stream's producer cannot make the
   * reader take more than asked.
   */
  public static Matrix read(InputStream in, String source, long maxDataBytes) throws IOException {
    byte[] prefix = in.readNBytes(8);
    if (prefix.length < 8) {
      throw new EOFException(source + ": stream ended before a .npy array (" + prefix.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix[i] != MAGIC[i]) {
        throw new DataFileException(source + ": not a .npy array (missing \\x93NUMPY magic)");
      }
    }
    int major = prefix[6] & 0xff;
    int lenBytes = major == 1 ? 2 : 4;
    byte[] lenField = in.readNBytes(lenBytes);
    if (lenField.length < lenBytes) {
      throw new EOFException(source + ": stream ended inside a .npy header");
    }
    ByteBuffer lb = ByteBuffer.wrap(lenField).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen = major == 1 ? lb.getShort() & 0xffff : lb.getInt() & 0xffffffffL;
    if (headerLen > 1 << 20) {
      throw new DataFileException(source + ": .npy header of " + headerLen + " bytes is implausible");
    }
    byte[] header = in.readNBytes((int) headerLen);
    if (header.length < headerLen) {
      throw new EOFException(source + ": stream ended inside a .npy header");
    }
    long dataBytes = dataBytes(source, new String(header, StandardCharsets.ISO_8859_1));
    if (dataBytes < 0 || dataBytes > Math.min(maxDataBytes, Integer.MAX_VALUE - 64 - headerLen)) {
      throw new DataFileException(source + ": .npy header announces " + (dataBytes < 0 ? "more than 2^63" : dataBytes)
          + " data bytes, more than the " + Math.min(maxDataBytes, Integer.MAX_VALUE - 64 - headerLen)
          + " allowed (header " + new String(header, StandardCharsets.ISO_8859_1).strip() + ")");
    }
    byte[] data = in.readNBytes((int) dataBytes);
    if (data.length < dataBytes) {
      throw new EOFException(source + ": stream ended after " + data.length + " of " + dataBytes + " data bytes");
    }
    ByteBuffer all = ByteBuffer.allocate(prefix.length + lenBytes + header.length + data.length);
    all.put(prefix).put(lenField).put(header).put(data).flip();
    return parse(source, all);
  }

  /** Data bytes announced by a header; malformed headers are left for {@link #parse} to report. */
  private static long dataBytes(String source, String header) {
    Matcher descr = DESCR.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !shape.find()) {
      throw new DataFileException(source + ": unsupported .npy header " + header.strip()
          + " (need a plain numeric dtype such as '<f4' or '<f8')");
    }
    long count = 1;
    try {
      for (String d : shape.group(1).split(",")) {
        if (!d.isBlank()) {
          long n = Long.parseLong(d.strip());
          if (n < 0) {
            throw new NumberFormatException(d);
          }
          count = Math.multiplyExact(count, n);
        }
      }
      return Math.multiplyExact(count, Integer.parseInt(descr.group(3)));
    } catch (NumberFormatException e) {
      throw new DataFileException(source + ": cannot read the array shape (" + shape.group(1) + ")");
    } catch (ArithmeticException e) {
      return -1; // overflow: refused as too large
    }
  }

  private static Matrix parse(String file, ByteBuffer buf) {
    buf.order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() < 10) {
      throw new DataFileException(file + ": not a .npy file (too short)");
    }
    for (byte b : MAGIC) {
      if (buf.get() != b) {
        throw new DataFileException(file + ": not a .npy file (missing \\x93NUMPY magic)");
      }
    }
    int major = buf.get() & 0xff;
    buf.get(); // minor version
    long headerLen;
    if (major == 1) {
      headerLen = buf.getShort() & 0xffff;
    } else if (major == 2 || major == 3) {
      if (buf.remaining() < 4) {
        throw new DataFileException(file + ": truncated .npy header");
      }
      headerLen = buf.getInt() & 0xffffffffL;
    } else {
      throw new DataFileException(file + ": unsupported .npy format version " + major);
    }
    if (headerLen > buf.remaining()) {
      throw new DataFileException(file + ": truncated .npy header");
    }
    byte[] h = new byte[(int) headerLen];
    buf.get(h);
    String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw new DataFileException(file + ": unsupported .npy header " + header.strip()
          + " (need a plain numeric dtype such as '<f4' or '<f8')");
    }
    char kind = descr.group(2).charAt(0);
    int width = Integer.parseInt(descr.group(3));
    boolean numeric = (kind == 'f' && (width == 4 || width == 8)) || ((kind == 'i' || kind == 'u') && (width == 4 || width == 8));
    if (!numeric) {
      throw new DataFileException(file + ": unsupported dtype '" + descr.group(1) + kind + width
          + "' (float32, float64, int32 or int64 are supported)");
    }
    buf.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    boolean fortranOrder = fortran.group(1).equals("True");

    String[] dims = shape.group(1).split(",");
    long[] shapeValues;
    try {
      shapeValues = java.util.Arrays.stream(dims).map(String::strip).filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new DataFileException(file + ": cannot read the array shape (" + shape.group(1) + ")");
    }
    if (shapeValues.length == 0 || shapeValues.length > 2) {
      throw new DataFileException(file + ": array has shape (" + shape.group(1)
          + "); expected rows or (rows, columns)");
    }
    long rows = shapeValues[0];
    long cols = shapeValues.length == 2 ? shapeValues[1] : 1;
    if (rows * cols > Integer.MAX_VALUE - 8) {
      throw new DataFileException(file + ": too many values (" + rows + " x " + cols + ")");
    }
    long needed = rows * cols * width;
    if (buf.remaining() < needed) {
      throw new DataFileException(file + ": truncated data, shape " + rows + " x " + cols + " needs " + needed
          + " bytes, file has " + buf.remaining());
    }
    int r = (int) rows;
    int c = (int) cols;
    float[] out = new float[r * c];
    for (int k = 0; k < r * c; k++) {
      // element k in file order; Fortran order stores column-major
      int row = fortranOrder ? k % r : k / c;
      int col = fortranOrder ? k / r : k % c;
      out[row * c + col] = readValue(buf, kind, width);
    }
    return new Matrix(r, c, out);
  }

  private static float readValue(ByteBuffer buf, char kind, int width) {
    if (kind == 'f') {
      return width == 4 ? buf.getFloat() : (float) buf.getDouble();
    }
    if (kind == 'u' && width == 8) {
      long v = buf.getLong();
      return v >= 0 ? v : (float) (v >>> 1) * 2f;
    }
    if (width == 4) {
      int v = buf.getInt();
      return kind == 'u' ? (float) (v & 0xffffffffL) : v;
    }
    return buf.getLong();
  }
}
