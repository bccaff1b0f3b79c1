package dev.inn.bench.cli;

import com.moandjiezana.toml.Toml;
import dev.inn.api.settings.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} settings from the command line, values read as TOML (bare words are strings). */
public final class SettingArguments {

  private SettingArguments() {}

  /** The pairs as a settings map; {@code option} names the command-line option in errors. */
  public static Map<String, Object> parse(List<String> pairs, String option) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigurationException(option + " expects key=value, got '" + pair + "'");
      }
      String key = pair.substring(0, eq).trim();
      String raw = pair.substring(eq + 1).trim();
      Object value;
      try {
        value = new Toml().read("v = " + raw).toMap().get("v");
      } catch (RuntimeException e) {
        value = raw;
      }
      Object earlier = out.put(key, value == null ? raw : value);
      if (earlier != null) {
        throw new ConfigurationException(option + " sets '" + key + "' twice (" + earlier + " and " + raw
            + "); give each setting once");
      }
    }
    return out;
  }
}
