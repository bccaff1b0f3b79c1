package dev.inn.problems.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a setting value as a TOML literal (strings quoted, lists in brackets, tables in
 * braces with sorted keys), the same text for equal values whatever their Java number types,
 * so a manifest can be compared with the settings of a later run and read back as TOML.
 */
public final class SettingText {

  private SettingText() {
  }

  /** The TOML literal of a setting value. */
  public static String render(Object v) {
    if (v == null) {
      return "\"\"";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
        return Long.toString(n.longValue());
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return String.format(Locale.ROOT, "%s", d);
    }
    if (v instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(render(list.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      int i = 0;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        b.append(i++ == 0 ? " " : ", ").append(quote(e.getKey())).append(" = ").append(render(e.getValue()));
      }
      return b.append(sorted.isEmpty() ? "}" : " }").toString();
    }
    if (v.getClass().isArray() && v instanceof double[] a) {
      return render(java.util.Arrays.stream(a).boxed().toList());
    }
    return quote(v.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
