package dev.inn.api.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable, typed key-value configuration of one plugin instance (the {@code [...]}
 * table of a suite, or the defaults a plugin declares). Getters name the key and the
 * expected type when a value does not fit.
 */
public final class Settings {

  private static final Settings EMPTY = new Settings("settings", Map.of());

  private final String owner;
  private final Map<String, Object> values;

  private Settings(String owner, Map<String, Object> values) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** No values. */
  public static Settings empty() {
    return EMPTY;
  }

  /** Settings of {@code owner} (used in error messages) with the given values. */
  public static Settings of(String owner, Map<String, ?> values) {
    return new Settings(owner, Map.copyOf(values));
  }

  /**
   * Merges {@code overrides} over the declared {@code defaults} of {@code owner}. A key
   * that is not declared is an error that lists the known keys, so a typo never passes
   * silently.
   */
  public static Settings resolve(String owner, Map<String, ?> defaults, Map<String, ?> overrides) {
    Map<String, Object> merged = new TreeMap<>(defaults);
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      if (!defaults.containsKey(e.getKey())) {
        throw new ConfigurationException(e.getKey(), "unknown setting '" + e.getKey() + "' for " + owner
            + "; known settings: " + new TreeMap<>(defaults).keySet());
      }
      Object def = defaults.get(e.getKey());
      Object val = e.getValue();
      if (def != null && val != null && !compatible(def, val)) {
        throw new ConfigurationException(e.getKey(), "setting '" + e.getKey() + "' of " + owner + " must be "
            + typeName(def) + ", got " + typeName(val) + " (" + val + ")" + listSyntax(e.getKey(), def, val));
      }
      merged.put(e.getKey(), val);
    }
    return new Settings(owner, merged);
  }

  private static boolean compatible(Object def, Object val) {
    if (def instanceof Number) {
      return val instanceof Number;
    }
    if (def instanceof List) {
      return val instanceof List;
    }
    if (def instanceof Map) {
      return val instanceof Map;
    }
    return def.getClass().isInstance(val);
  }

  /**
   * For a list given as a plain value, how to write it: TOML list syntax in a suite and on the
   * command line (key=value), e.g. {@code y_columns = ["y1", "y2"]}, built from the given text.
   */
  private static String listSyntax(String key, Object def, Object val) {
    if (def instanceof Map && val instanceof String text && text.strip().startsWith("{")) {
      // written as TOML but not read as such: the usual cause is a mix the TOML reader refuses
      return "; it is not valid TOML (an array may not mix integers and floats: write 1.0, not 1)";
    }
    if (!(def instanceof List) || !(val instanceof String || val instanceof Number)) {
      return "";
    }
    java.util.List<String> parts = java.util.Arrays.stream(String.valueOf(val).replaceAll("^\\[|\\]$", "")
        .split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(x -> x.replaceAll("^\"|\"$", "")).toList();
    boolean numbers = parts.stream().allMatch(x -> x.matches("[-+]?[0-9.eE+-]+"));
    String list = parts.stream().map(x -> numbers ? x : "\"" + x + "\"")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    return "; write a list in TOML syntax, in a suite: " + key + " = " + list + ", on the command line: '" + key + "="
        + list.replace(", ", ",") + "'";
  }

  private static String typeName(Object v) {
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof Map) {
      return "a table";
    }
    if (v instanceof Boolean) {
      return "true or false";
    }
    if (v instanceof String) {
      return "a string";
    }
    return v.getClass().getSimpleName();
  }

  /** Whose settings these are, as error messages name it, e.g. {@code "method 'inn'"}. */
  public String owner() {
    return owner;
  }

  /** Every key with its value (unmodifiable, sorted by key). */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Whether {@code key} has a value. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** These settings with one value replaced or added. */
  public Settings with(String key, Object value) {
    Map<String, Object> m = new TreeMap<>(values);
    m.put(key, value);
    return new Settings(owner, m);
  }

  private Object require(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new ConfigurationException("missing setting '" + key + "' for " + owner);
    }
    return v;
  }

  private Number number(String key) {
    Object v = require(key);
    if (v instanceof Number n) {
      return n;
    }
    throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a number, got " + v);
  }

  /** The number at {@code key}; a missing or non-numeric value names the key. */
  public double getDouble(String key) {
    return number(key).doubleValue();
  }

  /** The number at {@code key} as a float; a missing or non-numeric value names the key. */
  public float getFloat(String key) {
    return number(key).floatValue();
  }

  /** The whole number at {@code key}; a missing, fractional or non-numeric value names the key. */
  public int getInt(String key) {
    Number n = number(key);
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a whole number, got " + n);
    }
    return n.intValue();
  }

  /**
   * The whole number at {@code key}, at least {@code min}, for a plugin's {@code validate}; a
   * smaller value is a {@link ConfigurationException} naming the key.
   */
  public int getInt(String key, int min) {
    int v = getInt(key);
    if (v < min) {
      throw new ConfigurationException(key, "setting '" + key + "' of " + owner + " must be at least " + min + ", got "
          + v);
    }
    return v;
  }

  /**
   * The number at {@code key}, greater than 0, for a plugin's {@code validate}; any other value
   * is a {@link ConfigurationException} naming the key.
   */
  public double getPositive(String key) {
    double v = getDouble(key);
    if (!(v > 0)) {
      throw new ConfigurationException(key, "setting '" + key + "' of " + owner + " must be positive, got " + v);
    }
    return v;
  }

  /** The number at {@code key} as a long; a missing or non-numeric value names the key. */
  public long getLong(String key) {
    return number(key).longValue();
  }

  /** The boolean at {@code key}; a missing or non-boolean value names the key. */
  public boolean getBoolean(String key) {
    Object v = require(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ConfigurationException("setting '" + key + "' of " + owner + " must be true or false, got " + v);
  }

  /** The string at {@code key}; a missing or non-string value names the key. */
  public String getString(String key) {
    Object v = require(key);
    if (v instanceof String s) {
      return s;
    }
    throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a string, got " + v);
  }

  /** A list of numbers, e.g. {@code [1.2, 0.5]}. */
  public double[] getDoubles(String key) {
    Object v = require(key);
    if (!(v instanceof List<?> list)) {
      throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a list of numbers, got " + v);
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a list of numbers, got " + v);
      }
      out[i] = n.doubleValue();
    }
    return out;
  }

  /** A list of number lists, e.g. {@code [[0.2, 2], [1.5, 2]]}. */
  public double[][] getDoubleRows(String key) {
    Object v = require(key);
    if (!(v instanceof List<?> list)) {
      throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a list of lists, got " + v);
    }
    List<double[]> rows = new ArrayList<>();
    for (Object row : list) {
      rows.add(Settings.of(owner, Map.of(key, row)).getDoubles(key));
    }
    return rows.toArray(new double[0][]);
  }

  /** A nested table, e.g. {@code {name = "imq", widths = [1.2]}}, as a map. */
  public Map<String, Object> getTable(String key) {
    Object v = require(key);
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), val));
      return out;
    }
    throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a table, got " + v);
  }

  /** A list of strings. */
  public List<String> getStrings(String key) {
    Object v = require(key);
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new ConfigurationException("setting '" + key + "' of " + owner + " must be a list of strings, got " + v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Settings s && s.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return owner + values;
  }
}
