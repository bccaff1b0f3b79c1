package dev.inn.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one parsed TOML table that remember which keys were read, so that
 * {@link #rejectUnknown()} can report a misspelt key with its file and line.
 */
final class TomlTable {

  private final Map<String, Object> values;
  private final String path;
  private final String source;
  private final SourceLocator locator;
  private final Set<String> known = new LinkedHashSet<>();

  TomlTable(Map<String, Object> values, String path, String source, SourceLocator locator) {
    this.values = values;
    this.path = path;
    this.source = source;
    this.locator = locator;
  }

  String path() {
    return path;
  }

  /** The display name of this table in messages, e.g. {@code [problems[1].settings]}. */
  String display() {
    return path.isEmpty() ? "the top level" : "[" + path + "]";
  }

  /**
   * An error at {@code key} of this table; a dotted key ({@code block_settings.bins}, a setting of
   * a nested plugin) points at the innermost line the suite writes, else at its outer key.
   */
  SuiteException error(String key, String message) {
    int dot = key.lastIndexOf('.');
    if (dot > 0) {
      String nested = key.substring(0, dot);
      int line = locator.line(path.isEmpty() ? nested : path + "." + nested, key.substring(dot + 1));
      return line > 0 ? new SuiteException(source, line, message) : error(nested, message);
    }
    int line = locator.line(path, key);
    // a key the suite does not set (a default found wrong by a plugin's checks): point at its table
    return new SuiteException(source, line > 0 || key.isEmpty() ? line : locator.line(path, ""), message);
  }

  private Object raw(String key) {
    known.add(key);
    return values.get(key);
  }

  boolean has(String key) {
    known.add(key);
    return values.containsKey(key);
  }

  String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      if (fallback == null) {
        throw error("", "missing key '" + key + "' in " + display());
      }
      return fallback;
    }
    if (!(v instanceof String s)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a string, got " + v);
    }
    return s;
  }

  long integer(String key, long fallback, long min) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Long l)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a whole number, got " + v);
    }
    if (l < min) {
      throw error(key, "key '" + key + "' in " + display() + " must be at least " + min + ", got " + l);
    }
    return l;
  }

  double number(String key, double fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a number, got " + v);
    }
    return n.doubleValue();
  }

  boolean bool(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw error(key, "key '" + key + "' in " + display() + " must be true or false, got " + v);
    }
    return b;
  }

  List<String> strings(String key, List<String> fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a list of strings, got " + v);
    }
    return list.stream().map(String.class::cast).toList();
  }

  List<Long> integers(String key, List<Long> fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(Long.class::isInstance)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a non-empty list of whole numbers, got " + v);
    }
    return list.stream().map(Long.class::cast).toList();
  }

  float[] numbers(String key) {
    Object v = raw(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a list of numbers, got " + v);
    }
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }

  /** A sub-table (empty when absent). */
  TomlTable table(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw error(key, "key '" + key + "' in " + display() + " must be a table, got " + v);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = v == null ? Map.of() : (Map<String, Object>) v;
    return new TomlTable(m, path.isEmpty() ? key : path + "." + key, source, locator);
  }

  /** An array of tables ({@code [[key]]}); empty when absent. */
  List<TomlTable> tables(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
      throw error(key, "key '" + key + "' in " + display() + " must be an array of tables ([[" + key + "]]), got " + v);
    }
    List<TomlTable> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) list.get(i);
      out.add(new TomlTable(m, (path.isEmpty() ? key : path + "." + key) + "[" + i + "]", source, locator));
    }
    return out;
  }

  /** All entries, as plugin settings overrides (not checked here). */
  Map<String, Object> entries() {
    return new LinkedHashMap<>(values);
  }

  Set<String> keys() {
    return values.keySet();
  }

  /** Fails on the first key that was never read, listing the keys this table accepts. */
  void rejectUnknown() {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw error(k, "unknown key '" + k + "' in " + display() + "; known keys: " + new TreeSet<>(known));
      }
    }
  }
}
