package dev.inn.bench.suite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the line of a key in TOML text, so errors found after parsing (toml4j does not keep
 * positions) still name a line. Tables are addressed like {@code problems[1].settings}; the
 * top level is the empty path.
 */
final class SourceLocator {

  private static final Pattern ARRAY_HEADER = Pattern.compile("^\\s*\\[\\[\\s*([^\\]]+?)\\s*]]");
  private static final Pattern TABLE_HEADER = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]");

  private final List<String> lines;

  SourceLocator(String text) {
    this.lines = text.lines().toList();
  }

  /** The 1-based line of {@code key} inside table {@code path}, or 0 when not found. */
  int line(String path, String key) {
    Map<String, Integer> arrayCounts = new HashMap<>();
    String current = "";
    Pattern keyPattern = Pattern.compile("(^|[{,])\\s*\"?" + Pattern.quote(key) + "\"?\\s*=");
    int inlineFallback = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      var array = ARRAY_HEADER.matcher(line);
      var table = TABLE_HEADER.matcher(line);
      if (array.find()) {
        String name = array.group(1).replace("\"", "");
        int index = arrayCounts.merge(name, 1, Integer::sum) - 1;
        current = name + "[" + index + "]";
        if (path.equals(current) && key.isEmpty()) {
          return i + 1;
        }
        continue;
      }
      if (table.find()) {
        current = withIndices(table.group(1).replace("\"", ""), arrayCounts);
        if (path.equals(current) && key.isEmpty()) {
          return i + 1;
        }
        continue;
      }
      if (!key.isEmpty() && keyPattern.matcher(line).find()) {
        if (current.equals(path)) {
          return i + 1;
        }
        // inline table, e.g. settings = { lr = 1 } inside problems[0]
        if (path.startsWith(current) && line.contains("{") && inlineFallback == 0) {
          String child = path.substring(current.isEmpty() ? 0 : current.length() + 1);
          if (line.matches("^\\s*\"?" + Pattern.quote(child) + "\"?\\s*=.*")) {
            inlineFallback = i + 1;
          }
        }
      }
    }
    return inlineFallback;
  }

  /** {@code problems.settings} after the second [[problems]] becomes {@code problems[1].settings}. */
  private static String withIndices(String dotted, Map<String, Integer> arrayCounts) {
    String[] parts = dotted.split("\\.");
    StringBuilder out = new StringBuilder();
    StringBuilder plain = new StringBuilder();
    for (String p : parts) {
      if (plain.length() > 0) {
        plain.append('.');
        out.append('.');
      }
      plain.append(p.trim());
      out.append(p.trim());
      Integer count = arrayCounts.get(plain.toString());
      if (count != null) {
        out.append('[').append(count - 1).append(']');
      }
    }
    return out.toString();
  }

  private static String stripComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        inString = !inString;
      } else if (c == '#' && !inString) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
