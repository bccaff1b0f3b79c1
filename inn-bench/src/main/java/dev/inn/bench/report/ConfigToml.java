package dev.inn.bench.report;

import dev.inn.api.settings.Settings;
import dev.inn.bench.suite.MethodEntry;
import dev.inn.bench.suite.MetricEntry;
import dev.inn.bench.suite.ProblemEntry;
import dev.inn.bench.suite.Suite;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The resolved suite as TOML: every plugin setting with its effective value (defaults filled
 * in), so a results folder records exactly what ran and can be re-run as a suite.
 */
public final class ConfigToml {

  private ConfigToml() {}

  public static String write(Suite s) {
    StringBuilder sb = new StringBuilder();
    sb.append("# resolved from ").append(s.source()).append("\n");
    kv(sb, "name", s.name());
    kv(sb, "description", s.description());
    kv(sb, "seeds", s.seeds());
    kv(sb, "train_size", (long) s.trainSize());
    kv(sb, "test_size", (long) s.testSize());
    kv(sb, "samples", (long) s.samples());
    kv(sb, "test_seed", s.testSeed());
    kv(sb, "bootstrap", (long) s.bootstrap());
    kv(sb, "metrics", s.metrics().stream().map(MetricEntry::plugin).toList());
    for (MetricEntry m : s.metrics()) {
      table(sb, "metric_settings." + m.plugin(), m.settings());
    }
    sb.append("\n[reference]\n");
    kv(sb, "source", s.reference().published() ? "published" : "method");
    kv(sb, "method", s.reference().method());
    kv(sb, "observations", (long) s.reference().observations());
    kv(sb, "samples", (long) s.reference().samples());
    table(sb, "reference.settings", s.reference().settings());
    sb.append("\n[figures]\n");
    kv(sb, "enabled", s.figures().enabled());
    kv(sb, "samples", (long) s.figures().samples());
    kv(sb, "poses", (long) s.figures().poses());
    kv(sb, "latent_grid", (long) s.figures().latentGrid());
    for (ProblemEntry p : s.problems()) {
      sb.append("\n[[problems]]\n");
      kv(sb, "name", p.plugin());
      kv(sb, "label", p.label());
      kv(sb, "train_size", (long) p.trainSize());
      p.store().ifPresent(dir -> kv(sb, "store", dir.toString()));
      p.observation().ifPresent(o -> {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < o.length; i++) {
          list.append(i == 0 ? "" : ", ").append(o[i]);
        }
        sb.append("observation = ").append(list).append("]\n");
      });
      table(sb, "problems.settings", p.settings());
    }
    for (MethodEntry m : s.methods()) {
      sb.append("\n[[methods]]\n");
      kv(sb, "name", m.plugin());
      kv(sb, "label", m.label());
      if (!m.problems().isEmpty()) {
        kv(sb, "problems", m.problems());
      }
      table(sb, "methods.settings", m.settings());
    }
    return sb.toString();
  }

  private static void table(StringBuilder sb, String name, Settings settings) {
    sb.append("[").append(name).append("]\n");
    for (Map.Entry<String, Object> e : settings.asMap().entrySet()) {
      kv(sb, e.getKey(), e.getValue());
    }
  }

  private static void kv(StringBuilder sb, String key, Object value) {
    sb.append(key.matches("[A-Za-z0-9_-]+") ? key : string(key)).append(" = ").append(value(value)).append('\n');
  }

  /** A value as TOML text (strings quoted, lists and tables inline). */
  public static String value(Object v) {
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof List<?> list) {
      return list.stream().map(ConfigToml::value).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + " = " + value(e.getValue()))
          .collect(Collectors.joining(", ", "{ ", " }"));
    }
    if (v instanceof Float || v instanceof Double) {
      double d = ((Number) v).doubleValue();
      // 15 significant digits drop float noise (3.0000000000000004E-5 -> 3.0E-5) and keep every typed value
      return Double.isFinite(d) ? Double.toString(Double.parseDouble(String.format(Locale.ROOT, "%.15g", d)))
          : (Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
    }
    return String.valueOf(v);
  }

  private static String string(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
