package dev.inn.bench.cli;

import dev.inn.api.data.Matrix;
import dev.inn.core.persistence.AtomicFile;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Writes posterior samples as CSV (with a header of parameter names) or NPY (float32), atomically,
 * and reads sample CSVs back (for {@code inn c2st}).
 */
final class SampleFile {

  private SampleFile() {}

  static void write(Path file, Matrix samples, List<String> names) throws IOException {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] bytes;
    if (n.endsWith(".npy")) {
      bytes = npy(samples);
    } else if (n.endsWith(".csv")) {
      bytes = csv(samples, names).getBytes(StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException("output " + file + " must end in .csv, .npy or .zarr");
    }
    AtomicFile.refuseNonRegular(file, "samples");
    AtomicFile.write(file, bytes);
  }

  /**
   * Reads a CSV of samples, one row per sample, optionally gzipped ({@code .csv.gz}); a first line
   * that is not numeric is taken as a header and skipped.
   */
  static Matrix readCsv(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    List<float[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        float[] row = new float[cells.length];
        try {
          for (int c = 0; c < cells.length; c++) {
            row[c] = Float.parseFloat(cells[c].trim());
          }
        } catch (NumberFormatException e) {
          if (lineNo == 1) {
            continue;
          }
          throw new IOException(file + " line " + lineNo + ": not a number: " + e.getMessage(), e);
        }
        if (!rows.isEmpty() && row.length != rows.get(0).length) {
          throw new IOException(file + " line " + lineNo + ": " + row.length + " values, expected " + rows.get(0).length);
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw new IOException(file + " has no sample rows");
    }
    return Matrix.of(rows.toArray(float[][]::new));
  }

  /** The column names of a samples CSV: its header line, or x1, x2, ... when the first line is numeric. */
  static List<String> readCsvHeader(Path file, int cols) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    String first;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      first = reader.readLine();
    }
    List<String> names = new ArrayList<>();
    if (first != null) {
      for (String cell : first.split(",")) {
        names.add(cell.trim());
      }
    }
    boolean header = names.size() == cols && names.stream().anyMatch(n -> {
      try {
        Float.parseFloat(n);
        return false;
      } catch (NumberFormatException e) {
        return true;
      }
    });
    if (!header) {
      names.clear();
      for (int c = 0; c < cols; c++) {
        names.add("x" + (c + 1));
      }
    }
    return names;
  }

  static String csv(Matrix m, List<String> names) {
    StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
    for (int i = 0; i < m.rows(); i++) {
      for (int c = 0; c < m.cols(); c++) {
        sb.append(c == 0 ? "" : ",").append(m.get(i, c));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** NPY format 1.0, little-endian float32, C order. */
  static byte[] npy(Matrix m) {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
    int total = 10 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x93);
    out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(4 * m.data().length).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(m.data());
    out.writeBytes(data.array());
    return out.toByteArray();
  }
}
