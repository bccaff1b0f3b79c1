package dev.inn.problems.dataset;

import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets and sequences (ragged observations, see {@link ObservationShape}) read from files, in two
 * documented layouts (docs/raw-observations.md):
 *
 * <ul>
 *   <li>NPY: a 2-D array of padded rows, row i holding its elements one after the other
 *       (element-major, {@code width} values each) and zeros after them, plus a 1-D integer
 *       array of lengths (elements per row). A 3-D array (rows, elements, width) saved with
 *       NumPy is the same bytes once reshaped to (rows, elements * width).
 *   <li>CSV in long form: one line per element, an id column saying which observation the
 *       element belongs to, the element's values in the y columns and, for training data, the
 *       observation's parameters in the x columns (repeated on each of its lines). Observations
 *       come in the order their ids first appear, elements in file order.
 * </ul>
 * Errors name the file, the observation (row or id) and the element.
 */
public final class RaggedData {

  private RaggedData() {}

  /**
   * Ragged observations read from a file.
   *
   * @param padded padded rows, element-major
   * @param lengths elements per row
   * @param ids each row's name in the file, for messages ("row 3", "id 17")
   */
  public record Observations(Matrix padded, int[] lengths, List<String> ids) {}

  /**
   * Long-form CSV content.
   *
   * @param x one row of parameters per observation (no columns when none were asked for)
   * @param y the observations
   */
  public record LongTable(Matrix x, Observations y) {}

  /** Padded rows from {@code yFile} with their lengths from {@code lengthsFile}. */
  public static Observations readNpy(Path yFile, Path lengthsFile, ObservationShape shape) {
    Matrix y = NpyReader.read(yFile);
    Matrix len = NpyReader.read(lengthsFile);
    int width = shape.elementWidth();
    if (len.cols() != 1) {
      throw new DataFileException(lengthsFile + ": lengths must be a 1-D array (one number of elements per row of "
          + yFile + "), got " + len.rows() + " x " + len.cols());
    }
    if (len.rows() != y.rows()) {
      throw new DataFileException(yFile + " has " + y.rows() + " rows but " + lengthsFile + " has " + len.rows()
          + " lengths; row i of both files must describe the same observation");
    }
    if (y.cols() % width != 0) {
      throw new DataFileException(yFile + ": rows of " + y.cols() + " values are not a whole number of elements of "
          + width + " values (a " + shape.describe() + "); reshape an (n, elements, " + width + ") array to (n, "
          + "elements * " + width + ")");
    }
    int capacity = y.cols() / width;
    int[] lengths = new int[y.rows()];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < y.rows(); i++) {
      float l = len.data()[i];
      if (l != Math.rint(l) || l < 0 || l > capacity) {
        throw new DataFileException(lengthsFile + " row " + i + ": length " + l + " is not a whole number of elements"
            + " between 0 and the " + capacity + " that a row of " + yFile + " holds");
      }
      if (l == 0) {
        // refused here, by file and row: the method's own check could only name the row's place in the training sample
        throw new DataFileException(lengthsFile + " row " + i + ": length 0, an empty " + (shape instanceof
            dev.inn.api.data.ObservationShape.Set ? "set" : "sequence") + "; every observation needs at least one "
            + "element");
      }
      lengths[i] = (int) l;
      ids.add("row " + i);
      for (int k = lengths[i] * width; k < y.cols(); k++) {
        if (y.data()[i * y.cols() + k] != 0f) {
          throw new DataFileException(yFile + " row " + i + ": value " + k + " lies past the row's length "
              + lengths[i] + " (" + width + (width == 1 ? " value" : " values") + " each) but is " + y.data()[i * y.cols() + k]
              + "; padding must be zero, or the length is wrong");
        }
      }
      for (int k = 0; k < lengths[i] * width; k++) {
        if (!Float.isFinite(y.data()[i * y.cols() + k])) {
          throw new DataFileException(yFile + " row " + i + ", element " + k / width + ", value " + k % width + ": "
              + y.data()[i * y.cols() + k] + " is not a finite number");
        }
      }
    }
    return new Observations(y, lengths, List.copyOf(ids));
  }

  /**
   * A long-form CSV: {@code idColumn} groups lines into observations, {@code yCols} are an
   * element's values, {@code xCols} (may be empty) the observation's parameters, which must be
   * the same on each of its lines.
   */
  public static LongTable readLongCsv(Path file, String idColumn, List<String> xCols, List<String> yCols) {
    DataTable table = CsvTableReader.read(file);
    List<String> header = table.names();
    int id = column(file, header, idColumn, "the observation id column");
    int[] xi = new int[xCols.size()];
    for (int c = 0; c < xi.length; c++) {
      xi[c] = column(file, header, xCols.get(c), "parameter column");
    }
    int[] yi = new int[yCols.size()];
    for (int c = 0; c < yi.length; c++) {
      yi[c] = column(file, header, yCols.get(c), "observation column");
    }
    Matrix all = table.values();
    // line numbers are not kept by the reader; data rows are counted after the header
    Map<Float, List<Integer>> groups = new LinkedHashMap<>();
    for (int r = 0; r < all.rows(); r++) {
      groups.computeIfAbsent(all.get(r, id), k -> new ArrayList<>()).add(r);
    }
    int width = yi.length;
    int n = groups.size();
    int max = 0;
    for (List<Integer> rows : groups.values()) {
      max = Math.max(max, rows.size());
    }
    float[] x = new float[n * xi.length];
    float[] y = new float[n * max * width];
    int[] lengths = new int[n];
    List<String> ids = new ArrayList<>();
    int o = 0;
    for (Map.Entry<Float, List<Integer>> g : groups.entrySet()) {
      String name = idColumn + " " + idText(g.getKey());
      ids.add(name);
      List<Integer> rows = g.getValue();
      lengths[o] = rows.size();
      int first = rows.get(0);
      for (int c = 0; c < xi.length; c++) {
        x[o * xi.length + c] = all.get(first, xi[c]);
        for (int r : rows) {
          if (all.get(r, xi[c]) != all.get(first, xi[c])) {
            throw new DataFileException(file + " data row " + (r + 1) + " (" + name + "): parameter '" + xCols.get(c)
                + "' is " + all.get(r, xi[c]) + " but " + all.get(first, xi[c]) + " on data row " + (first + 1)
                + "; every line of one observation must repeat the same parameters");
          }
        }
      }
      for (int e = 0; e < rows.size(); e++) {
        for (int c = 0; c < width; c++) {
          y[(o * max + e) * width + c] = all.get(rows.get(e), yi[c]);
        }
      }
      o++;
    }
    return new LongTable(new Matrix(n, xi.length, x),
        new Observations(new Matrix(n, max * width, y), lengths, List.copyOf(ids)));
  }

  private static String idText(float v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
  }

  private static int column(Path file, List<String> header, String name, String what) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new DataFileException(file + ": " + what + " '" + name + "' is not in the header; its columns are "
          + header);
    }
    return i;
  }
}
