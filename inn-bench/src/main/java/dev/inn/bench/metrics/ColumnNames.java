package dev.inn.bench.metrics;

/** How metric result columns are named: snake_case, parameter names folded in. */
public final class ColumnNames {

  private ColumnNames() {}

  /** A parameter name as a column suffix, e.g. "sO2" -> "so2", "v hb" -> "v_hb". */
  public static String of(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }
}
