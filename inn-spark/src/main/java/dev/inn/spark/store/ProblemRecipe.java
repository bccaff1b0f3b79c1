package dev.inn.spark.store;

import com.moandjiezana.toml.Toml;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.SettingText;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How to make a problem on a Spark executor: its registered name and its settings as TOML
 * text (plain data, so it serialises whatever the problem holds). Each executor JVM makes a
 * recipe's problem once and shares it between its tasks, so an external simulator's worker
 * processes are started once per executor, not once per chunk.
 *
 * @param name registered problem name
 * @param settingsToml {@code key = value} lines
 */
public record ProblemRecipe(String name, String settingsToml) implements Serializable {

  private static final Map<ProblemRecipe, Problem> MADE = new ConcurrentHashMap<>();

  /** The recipe of {@code settings} for plugin {@code name}. */
  public static ProblemRecipe of(String name, Settings settings) {
    StringBuilder b = new StringBuilder();
    settings.asMap().forEach((k, v) -> b.append(k).append(" = ").append(SettingText.render(v)).append('\n'));
    return new ProblemRecipe(name, b.toString());
  }

  /** A fresh problem (the driver's own). */
  public Problem create() {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, name);
    Map<String, Object> values = new Toml().read(settingsToml).toMap();
    return pp.create(PluginRegistry.settingsFor(pp, "problem", values));
  }

  /**
   * Ends the problems this JVM made (e.g. an external simulator's processes); in local mode
   * the driver is the executor, so a finished fill leaves no process behind.
   */
  public static void closeShared() {
    for (Problem p : MADE.values()) {
      if (p instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // processes end with the JVM anyway
        }
      }
    }
    MADE.clear();
  }

  /** This executor's shared instance. */
  public Problem shared() {
    return MADE.computeIfAbsent(this, ProblemRecipe::create);
  }
}
