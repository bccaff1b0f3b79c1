package dev.inn.problems.sbibm;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ReferenceObservation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the shipped sbibm data (plain or gzip CSV with one header line) from the class path. */
final class SbibmData {

  /** Official observations per task. */
  static final int OBSERVATIONS = 10;

  private static final String ROOT = "/dev/inn/problems/sbibm/";

  private SbibmData() {
  }

  /** Observation k (1-based) of a task, with its true parameters and lazy reference posterior. */
  static ReferenceObservation referenceObservation(String task, int k) {
    float[] y = singleRow(task + "/observation_" + k + ".csv");
    float[] theta = singleRow(task + "/true_parameters_" + k + ".csv");
    String posterior = task + "/reference_posterior_" + k + ".csv.gz";
    return new ReferenceObservation(Integer.toString(k), y, theta, () -> toMatrix(table(posterior)));
  }

  /** The rows of a data file below the header, relative to the sbibm resource folder. */
  static List<double[]> table(String relativePath) {
    return parse(relativePath, lines -> {
      List<double[]> rows = new ArrayList<>();
      for (String line : lines) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          row[j] = Double.parseDouble(cells[j].trim());
        }
        rows.add(row);
      }
      return rows;
    });
  }

  /** The lines below the header of a data file, unparsed (for tables with text columns). */
  static List<String> lines(String relativePath) {
    return parse(relativePath, lines -> lines);
  }

  private interface LineParser<T> {
    T parse(List<String> lines);
  }

  private static <T> T parse(String relativePath, LineParser<T> parser) {
    String path = ROOT + relativePath;
    try (InputStream raw = SbibmData.class.getResourceAsStream(path)) {
      if (raw == null) {
        throw new IllegalStateException("sbibm data file missing from the class path: " + path);
      }
      InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        List<String> lines = new ArrayList<>();
        reader.readLine(); // header
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            lines.add(line);
          }
        }
        return parser.parse(lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sbibm data file " + path, e);
    }
  }

  private static float[] singleRow(String relativePath) {
    List<double[]> rows = table(relativePath);
    if (rows.size() != 1) {
      throw new IllegalStateException(relativePath + ": expected one data row, found " + rows.size());
    }
    return toMatrix(rows).row(0);
  }

  static Matrix toMatrix(List<double[]> rows) {
    int cols = rows.isEmpty() ? 0 : rows.get(0).length;
    float[] data = new float[rows.size() * cols];
    for (int i = 0; i < rows.size(); i++) {
      double[] row = rows.get(i);
      if (row.length != cols) {
        throw new IllegalStateException("ragged sbibm table: row " + i + " has " + row.length + " cells, not " + cols);
      }
      for (int j = 0; j < cols; j++) {
        data[i * cols + j] = (float) row[j];
      }
    }
    return new Matrix(rows.size(), cols, data);
  }

  /** A task's data as a double matrix, e.g. bernoulli_glm's design matrix. */
  static double[][] doubles(String relativePath) {
    return table(relativePath).toArray(new double[0][]);
  }
}
