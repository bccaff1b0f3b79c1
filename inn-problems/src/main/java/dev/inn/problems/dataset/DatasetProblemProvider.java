package dev.inn.problems.dataset;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@code dataset}: a problem read from a user's files.
 *
 * <ul>
 *   <li>{@code format = "csv"}: one file {@code path} with a header row; {@code y_columns}
 *       names the observation columns, {@code x_columns} the parameter columns (default: every
 *       other column, in file order). An entry "first:last" names a range of header columns
 *       (e.g. "y0:y19"); {@code y_columns = ["*"]} means every column not in x_columns.
 *   <li>{@code format = "npy"}: two files {@code x_path} and {@code y_path} with the same number
 *       of rows; {@code x_columns} / {@code y_columns} name their columns (default x0.., y0..).
 *   <li>{@code observation = "set"} or {@code "sequence"} (default {@code "vector"}): each
 *       observation is a set of rows or a sequence of steps, {@code y_columns} naming one
 *       element's values. NPY: {@code y_path} holds padded rows and {@code lengths_path} the
 *       number of elements of each; CSV in long form: one line per element and
 *       {@code id_column} naming the observation it belongs to (see {@link RaggedData}).
 *   <li>{@code test_fraction} of the rows (chosen by {@code split_seed}) is held out for testing.
 * </ul>
 */
public final class DatasetProblemProvider implements ProblemProvider {

  @Override
  public String name() {
    return DatasetProblem.NAME;
  }

  @Override
  public String description() {
    return "your own simulated (x, y) pairs from a CSV file or two NPY files; columns as lists, e.g."
        + " y_columns = [\"y1\", \"y2\"] (command line: -p 'y_columns=[\"y1\",\"y2\"]'), a range of header"
        + " columns [\"y0:y19\"], or [\"*\"] for every column not in x_columns";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", "csv");
    d.put("path", "");
    d.put("x_path", "");
    d.put("y_path", "");
    d.put("observation", "vector");
    d.put("lengths_path", "");
    d.put("id_column", "id");
    d.put("x_columns", List.of());
    d.put("y_columns", List.of());
    d.put("test_fraction", 0.1);
    d.put("split_seed", 0);
    d.put("support", Map.of());
    return d;
  }

  @Override
  public Map<String, String> settingDescriptions() {
    return Map.of(
        "format", "\"csv\" (one file, path) or \"npy\" (two files, x_path and y_path)",
        "path", "the CSV file, with a header row (format = \"csv\")",
        "x_path", "NPY file of the parameters x, one row per pair (format = \"npy\")",
        "y_path", "NPY file of the observations y, row i belonging to row i of x_path (format = \"npy\")",
        "x_columns", "parameter columns: names or \"first:last\" ranges; default every column not in y_columns",
        "y_columns", "observation columns: names, \"first:last\" ranges, or [\"*\"] for every column not in"
            + " x_columns",
        "test_fraction", "share of rows held out for testing and diagnosis (the model file keeps up to 500 of them)",
        "split_seed", "fixes which rows are held out",
        "support", "the prior's bounds per parameter, e.g. {a = [0.0, 1.0], omega = \"0.5:inf\"}: samples stay"
            + " inside; parameters not named are unbounded");
  }

  /**
   * The settings that can be checked without reading the data (the data's own checks, columns
   * and support, run when the problem is made).
   */
  @Override
  public void validate(Settings s) {
    String format = s.getString("format");
    if (!format.equals("csv") && !format.equals("npy")) {
      throw new ConfigurationException("format", "setting 'format' of " + s.owner() + " must be \"csv\" or \"npy\","
          + " got \"" + format + "\"");
    }
    String kind = s.getString("observation");
    if (!List.of("vector", "set", "sequence").contains(kind)) {
      throw new ConfigurationException("observation", "setting 'observation' of " + s.owner() + " must be"
          + " \"vector\", \"set\" or \"sequence\", got \"" + kind + "\"");
    }
    double testFraction = s.getDouble("test_fraction");
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new ConfigurationException("test_fraction", "setting 'test_fraction' of " + s.owner()
          + " must be in [0, 1), got " + testFraction);
    }
    s.getStrings("x_columns");
    s.getStrings("y_columns");
  }

  @Override
  public Problem create(Settings settings) {
    String owner = "problem '" + name() + "'";
    Settings s = settings;
    List<String> xCols = s.getStrings("x_columns");
    List<String> yCols = s.getStrings("y_columns");
    double testFraction = s.getDouble("test_fraction");
    long splitSeed = s.getLong("split_seed");
    String format = s.getString("format");
    String kind = s.getString("observation");
    DatasetProblem problem = kind.equals("vector") ? vector(owner, s, format, xCols, yCols, testFraction, splitSeed)
        : ragged(owner, s, kind, format, xCols, yCols, testFraction, splitSeed);
    Map<String, Object> bounds = s.getTable("support");
    return bounds.isEmpty() ? problem : problem.withSupport(declaredSupport(owner, bounds, problem));
  }

  /**
   * The support named in the settings, checked against the data: every parameter row must lie
   * inside it, or the bounds are wrong (a support that cuts off real draws would bias the posterior).
   */
  private static Support declaredSupport(String owner, Map<String, Object> bounds, DatasetProblem problem) {
    List<String> names = problem.parameterNames();
    double[] lower = new double[names.size()];
    double[] upper = new double[names.size()];
    java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
    for (Map.Entry<String, Object> e : bounds.entrySet()) {
      int j = names.indexOf(e.getKey());
      if (j < 0) {
        throw new ConfigurationException("support", owner + ": support names '" + e.getKey()
            + "', which is not a parameter column (parameters: " + String.join(", ", names) + ")");
      }
      List<?> pair = e.getValue() instanceof String range && range.split(":", -1).length == 2
          ? List.of(range.split(":", -1)) : e.getValue() instanceof List<?> l ? l : List.of();
      if (pair.size() != 2) {
        throw new ConfigurationException("support", owner + ": support of '" + e.getKey()
            + "' must be [lower, upper] or \"lower:upper\", got " + e.getValue());
      }
      lower[j] = bound(owner, e.getKey(), pair.get(0), Double.NEGATIVE_INFINITY);
      upper[j] = bound(owner, e.getKey(), pair.get(1), Double.POSITIVE_INFINITY);
      if (!(lower[j] < upper[j])) {
        throw new ConfigurationException("support", owner + ": support of '" + e.getKey() + "' is [" + lower[j]
            + ", " + upper[j] + "]; the lower bound must be below the upper one");
      }
    }
    Matrix x = problem.allRows().x();
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        float v = x.get(i, j);
        if (v < lower[j] || v > upper[j]) {
          throw new ConfigurationException("support", owner + ": row " + (i + 1) + " has " + names.get(j) + " = "
              + v + ", outside the declared support [" + lower[j] + ", " + upper[j] + "]");
        }
      }
    }
    return new Support(lower, upper);
  }

  /** A number, or in a "lower:upper" text a number, "inf", "-inf" or nothing (unbounded on that side). */
  private static double bound(String owner, String name, Object v, double open) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String t) {
      String b = t.strip();
      if (b.isEmpty()) {
        return open;
      }
      if (b.equals("inf") || b.equals("+inf")) {
        return Double.POSITIVE_INFINITY;
      }
      if (b.equals("-inf")) {
        return Double.NEGATIVE_INFINITY;
      }
      try {
        return Double.parseDouble(b);
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new ConfigurationException("support", owner + ": a bound of '" + name + "' must be a number, \"inf\" or"
        + " \"-inf\", got " + v);
  }

  private static DatasetProblem vector(String owner, Settings s, String format, List<String> xCols,
      List<String> yCols, double testFraction, long splitSeed) {
    return switch (format) {
      case "csv" -> fromCsv(owner, Path.of(required(s, owner, "path")), xCols, yCols, testFraction, splitSeed);
      case "npy" -> fromNpy(owner, Path.of(required(s, owner, "x_path")), Path.of(required(s, owner, "y_path")),
          xCols, yCols, testFraction, splitSeed);
      default -> throw new ConfigurationException("setting 'format' of " + owner + " must be \"csv\" or \"npy\", got \""
          + format + "\"");
    };
  }

  /** Sets or sequences: NPY with a lengths array, or long-form CSV with an id column. */
  private static DatasetProblem ragged(String owner, Settings s, String kind, String format, List<String> xCols,
      List<String> yCols, double testFraction, long splitSeed) {
    if (yCols.isEmpty()) {
      throw new ConfigurationException("setting 'y_columns' of " + owner + " must name the values of one "
          + (kind.equals("set") ? "set row" : "sequence step") + " when observation = \"" + kind + "\"");
    }
    ObservationShape shape = switch (kind) {
      case "set" -> new ObservationShape.Set(yCols.size());
      case "sequence" -> new ObservationShape.Sequence(yCols.size());
      default -> throw new ConfigurationException("setting 'observation' of " + owner + " must be \"vector\","
          + " \"set\" or \"sequence\", got \"" + kind + "\"");
    };
    if (format.equals("npy")) {
      Path xFile = Path.of(required(s, owner, "x_path"));
      Path yFile = Path.of(required(s, owner, "y_path"));
      Matrix x = NpyReader.read(xFile);
      RaggedData.Observations y = RaggedData.readNpy(yFile, Path.of(required(s, owner, "lengths_path")), shape);
      if (x.rows() != y.padded().rows()) {
        throw new DataFileException(xFile + " has " + x.rows() + " rows but " + yFile + " has "
            + y.padded().rows() + "; row i of both files must be one (x, y) pair");
      }
      checkFinite(xFile, x, xCols);
      List<String> xs = names(owner, xFile, xCols, x.cols(), "x", "x_columns");
      checkDistinct(owner, xs, yCols);
      return new DatasetProblem(xFile + " + " + yFile, xs, yCols, new Dataset(x, y.padded(), y.lengths()), shape,
          testFraction, splitSeed);
    }
    if (!format.equals("csv")) {
      throw new ConfigurationException("setting 'format' of " + owner + " must be \"csv\" or \"npy\", got \""
          + format + "\"");
    }
    Path file = Path.of(required(s, owner, "path"));
    String id = s.getString("id_column");
    List<String> xs = xCols;
    if (xs.isEmpty()) {
      xs = new ArrayList<>(CsvTableReader.read(file).names());
      xs.removeAll(yCols);
      xs.remove(id);
    }
    checkDistinct(owner, xs, yCols);
    if (xs.contains(id) || yCols.contains(id)) {
      throw new ConfigurationException(owner + ": the id column '" + id + "' cannot also be a parameter or an"
          + " observation column");
    }
    RaggedData.LongTable t = RaggedData.readLongCsv(file, id, xs, yCols);
    return new DatasetProblem(file.toString(), xs, yCols, new Dataset(t.x(), t.y().padded(), t.y().lengths()), shape,
        testFraction, splitSeed);
  }

  private static String required(Settings s, String owner, String key) {
    String v = s.getString(key);
    if (v.isBlank()) {
      throw new ConfigurationException("setting '" + key + "' of " + owner + " is required for format \""
          + s.getString("format") + "\"");
    }
    return v;
  }

  static DatasetProblem fromCsv(String owner, Path file, List<String> xCols, List<String> yCols, double testFraction,
      long splitSeed) {
    if (yCols.isEmpty()) {
      throw new ConfigurationException("setting 'y_columns' of " + owner + " must name the observation columns of "
          + file);
    }
    DataTable table = CsvTableReader.read(file);
    List<String> header = table.names();
    xCols = expandRanges(owner, file, header, xCols, "x_columns");
    if (yCols.equals(List.of(EVERYTHING_ELSE))) {
      if (xCols.isEmpty()) {
        throw new ConfigurationException("setting 'y_columns' of " + owner + " is [\"*\"] (every column not in"
            + " x_columns), so x_columns must name the parameter columns");
      }
      yCols = new ArrayList<>(header);
      yCols.removeAll(xCols);
    } else {
      yCols = expandRanges(owner, file, header, yCols, "y_columns");
    }
    checkDistinct(owner, xCols, yCols);
    List<String> xs = xCols;
    if (xs.isEmpty()) {
      xs = new ArrayList<>(header);
      xs.removeAll(yCols);
    }
    int[] xIdx = indices(owner, file, header, xs, "x_columns");
    int[] yIdx = indices(owner, file, header, yCols, "y_columns");
    if (xIdx.length == 0) {
      throw new ConfigurationException(owner + ": no parameter columns left in " + file + " after y_columns " + yCols);
    }
    Matrix all = table.values();
    Dataset data = new Dataset(pick(all, xIdx), pick(all, yIdx));
    return new DatasetProblem(file.toString(), xs, yCols, data, testFraction, splitSeed);
  }

  /** {@code y_columns = ["*"]}: every column of the file that is not in x_columns. */
  static final String EVERYTHING_ELSE = "*";

  /**
   * Entries "first:last" become the header's columns from first through last, in file order
   * (e.g. "y0:y19"); other entries stay as they are.
   */
  static List<String> expandRanges(String owner, Path file, List<String> header, List<String> given, String key) {
    List<String> out = new ArrayList<>();
    for (String entry : given) {
      int colon = entry.indexOf(':');
      if (colon < 0 || header.contains(entry)) {
        out.add(entry);
        continue;
      }
      String first = entry.substring(0, colon).trim();
      String last = entry.substring(colon + 1).trim();
      int a = header.indexOf(first);
      int b = header.indexOf(last);
      if (a < 0 || b < 0) {
        throw new DataFileException("setting '" + key + "' of " + owner + ": range '" + entry + "' names column '"
            + (a < 0 ? first : last) + "', which is not in the header of " + file + "; its columns are " + header);
      }
      if (b < a) {
        throw new ConfigurationException("setting '" + key + "' of " + owner + ": range '" + entry + "' runs backwards"
            + " (" + last + " comes before " + first + " in " + file + ")");
      }
      out.addAll(header.subList(a, b + 1));
    }
    return out;
  }

  static DatasetProblem fromNpy(String owner, Path xFile, Path yFile, List<String> xCols, List<String> yCols,
      double testFraction, long splitSeed) {
    Matrix x = NpyReader.read(xFile);
    Matrix y = NpyReader.read(yFile);
    if (x.rows() != y.rows()) {
      throw new DataFileException(xFile + " has " + x.rows() + " rows but " + yFile + " has " + y.rows()
          + "; row i of both files must be one (x, y) pair");
    }
    checkFinite(xFile, x, xCols);
    checkFinite(yFile, y, yCols);
    List<String> xs = names(owner, xFile, xCols, x.cols(), "x", "x_columns");
    List<String> ys = names(owner, yFile, yCols, y.cols(), "y", "y_columns");
    checkDistinct(owner, xs, ys);
    return new DatasetProblem(xFile + " + " + yFile, xs, ys, new Dataset(x, y), testFraction, splitSeed);
  }

  private static List<String> names(String owner, Path file, List<String> given, int cols, String prefix, String key) {
    if (given.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < cols; i++) {
        out.add(prefix + i);
      }
      return out;
    }
    if (given.size() != cols) {
      throw new ConfigurationException("setting '" + key + "' of " + owner + " names " + given.size() + " columns but "
          + file + " has " + cols);
    }
    return given;
  }

  private static void checkFinite(Path file, Matrix m, List<String> names) {
    int bad = m.firstNonFinite();
    if (bad >= 0) {
      int row = bad / m.cols();
      int col = bad % m.cols();
      String colName = names.size() == m.cols() ? "'" + names.get(col) + "' (index " + col + ")" : "index " + col;
      throw new DataFileException(file + " row " + row + " (0-based), column " + colName + ": " + m.data()[bad]
          + " is not a finite number (NaN and infinity are not allowed)");
    }
  }

  private static void checkDistinct(String owner, List<String> xs, List<String> ys) {
    Set<String> seen = new HashSet<>();
    for (String n : xs) {
      if (!seen.add(n)) {
        throw new ConfigurationException(owner + ": column '" + n + "' is listed twice in x_columns");
      }
    }
    Set<String> ySeen = new HashSet<>();
    for (String n : ys) {
      if (!ySeen.add(n)) {
        throw new ConfigurationException(owner + ": column '" + n + "' is listed twice in y_columns");
      }
      if (seen.contains(n)) {
        throw new ConfigurationException(owner + ": column '" + n + "' is in both x_columns and y_columns");
      }
    }
  }

  private static int[] indices(String owner, Path file, List<String> header, List<String> wanted, String key) {
    int[] idx = new int[wanted.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = header.indexOf(wanted.get(i));
      if (idx[i] < 0) {
        throw new DataFileException("setting '" + key + "' of " + owner + ": column '" + wanted.get(i)
            + "' is not in the header of " + file + "; its columns are " + header);
      }
    }
    return idx;
  }

  private static Matrix pick(Matrix m, int[] cols) {
    float[] out = new float[m.rows() * cols.length];
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < cols.length; c++) {
        out[r * cols.length + c] = m.get(r, cols[c]);
      }
    }
    return new Matrix(m.rows(), cols.length, out);
  }
}
