package dev.inn.bench.report;

import dev.inn.bench.harness.Cell;
import dev.inn.bench.harness.ProblemResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Result tables like the paper's Tables 1 and 2: methods as rows, metric columns, values
 * with bootstrap standard errors ("n/a" where a metric does not apply).
 */
public final class Tables {

  private Tables() {}

  /** A number as written in CSV files (full precision, "n/a" or empty for missing). */
  static String csvNumber(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  /** A value with its standard error for humans, 4 significant digits. */
  static String display(Cell c) {
    if (!c.available()) {
      return "n/a";
    }
    if (Double.isNaN(c.se()) || !Double.isFinite(c.value())) {
      return format(c.value());
    }
    return withError(c.value(), c.se());
  }

  /**
   * One format for a value and its standard error: the error to two significant digits, the
   * value to the same decimal place ("0.00263 ± 0.00046", "0 ± 0.00014"); in powers of ten with
   * a shared exponent when that would need more than six decimals or the value is 10^5 or more.
   */
  static String withError(double value, double se) {
    if (!(se > 0) || !Double.isFinite(se)) {
      return format(value) + " ± 0";
    }
    int decimals = 1 - (int) Math.floor(Math.log10(se));
    double big = Math.max(Math.abs(value), se);
    if (decimals > 6 || big >= 1e5) {
      int exponent = (int) Math.floor(Math.log10(big));
      double scale = Math.pow(10, exponent);
      int d = Math.max(0, 1 - (int) Math.floor(Math.log10(se / scale)));
      return String.format(Locale.ROOT, "(%." + d + "f ± %." + d + "f)e%d", value / scale, se / scale, exponent);
    }
    decimals = Math.max(0, decimals);
    String v = String.format(Locale.ROOT, "%." + decimals + "f", value);
    // a value that rounds to zero reads as 0, not 0.00000
    if (Double.parseDouble(v) == 0) {
      v = "0";
    }
    return v + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", se);
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e4 || a < 1e-3) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** CSV: problem, method, one column per metric column and its {@code _se}. */
  static String csv(ProblemResults r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", header(r.columns()))).append('\n');
    for (Map.Entry<String, Map<String, Cell>> row : r.summary().entrySet()) {
      sb.append(String.join(",", row(r.entry().label(), row.getKey(), r.columns(), row.getValue()))).append('\n');
    }
    return sb.toString();
  }

  static List<String> header(List<String> columns) {
    List<String> h = new ArrayList<>(List.of("problem", "method"));
    for (String c : columns) {
      h.add(c);
      h.add(c + "_se");
    }
    return h;
  }

  static List<String> row(String problem, String method, List<String> columns, Map<String, Cell> cells) {
    List<String> out = new ArrayList<>(List.of(quote(problem), quote(method)));
    for (String c : columns) {
      Cell cell = cells.get(c);
      if (cell == null || !cell.available()) {
        out.add("n/a");
        out.add("n/a");
      } else {
        out.add(csvNumber(cell.value()));
        out.add(csvNumber(cell.se()));
      }
    }
    return out;
  }

  static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Markdown table plus notes. */
  static String markdown(ProblemResults r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(md(r.entry().label())).append(" (problem '").append(md(r.entry().plugin()))
        .append("')\n\n");
    sb.append("| method | ").append(String.join(" | ", r.columns().stream().map(Tables::md).toList())).append(" |\n");
    sb.append("|---|").append("---|".repeat(r.columns().size())).append('\n');
    for (Map.Entry<String, Map<String, Cell>> row : r.summary().entrySet()) {
      sb.append("| ").append(md(row.getKey()));
      for (String c : r.columns()) {
        sb.append(" | ").append(display(row.getValue().get(c)));
      }
      sb.append(" |\n");
    }
    sb.append("\nValues ± bootstrap standard errors over test observations; calibration_error is a fraction"
        + " (x 100 for %).\n");
    List<String> notes = notes(r);
    if (!notes.isEmpty()) {
      sb.append("\nNotes:\n");
      notes.forEach(n -> sb.append("- ").append(md(n)).append('\n'));
    }
    return sb.toString();
  }

  /**
   * Text from a suite (labels, notes) as Markdown text: HTML is shown, not rendered, and a
   * {@code |} does not split a table cell.
   */
  static String md(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        .replace('\n', ' ');
  }

  /** Problem-level notes and the distinct notes of the metrics. */
  static List<String> notes(ProblemResults r) {
    List<String> out = new ArrayList<>(r.notes());
    r.perSeed().forEach(m -> m.notes().forEach(n -> {
      String line = m.method() + " (seed " + m.seed() + "): " + n;
      if (!out.contains(line)) {
        out.add(line);
      }
    }));
    return out;
  }
}
