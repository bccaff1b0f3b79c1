package dev.inn.bench.metrics;

import dev.inn.api.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/** How metric result columns are named: snake_case, parameter names folded in. */
public final class ColumnNames {

  private ColumnNames() {}

  /** A parameter name as a column suffix, e.g. "sO2" -> "so2", "v hb" -> "v_hb". */
  public static String of(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }

  /** One column per parameter, {@code prefix} + its folded name, in parameter order. */
  public static List<String> perParameter(String prefix, Problem problem) {
    List<String> columns = new ArrayList<>();
    for (String p : problem.parameterNames()) {
      columns.add(prefix + of(p));
    }
    return columns;
  }
}
