package dev.inn.spark.store;

import com.moandjiezana.toml.Toml;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.problems.store.SettingText;
import dev.inn.spark.SparkSessions;
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

  /** A fresh problem from the plugins of the class path. */
  public Problem create() {
    return create(PluginRegistry.fromClassPath());
  }

  /** A fresh problem from the plugins of {@code registry}. */
  public Problem create(PluginRegistry registry) {
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

  /**
   * This executor's shared instance, made from the plugins of the class path and of the jars
   * shipped to the executor; a plugin the executor lacks is named with where it is missing.
   */
  public Problem shared() {
    return MADE.computeIfAbsent(this, r -> {
      PluginRegistry registry = SparkSessions.executorRegistry();
      if (!registry.all(ProblemProvider.class).containsKey(name)) {
        throw new IllegalStateException(SparkSessions.executorName() + " has no problem plugin '" + name
            + "': its jar did not reach the executors (give its folder to 'inn spark --plugins DIR', or its jar to "
            + "spark-submit --jars)");
      }
      return r.create(registry);
    });
  }
}
