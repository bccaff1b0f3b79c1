package dev.inn.core.plugin;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.metric.Metric;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every plugin on the class path (and in an optional plugins folder), by kind and name,
 * found with {@link ServiceLoader}. Built-ins are registered exactly like third-party jars.
 */
public final class PluginRegistry {

  /** The kinds of plugin, in the order {@code inn list} shows them. */
  public static final Map<String, Class<? extends Plugin>> KINDS;

  static {
    Map<String, Class<? extends Plugin>> kinds = new LinkedHashMap<>();
    kinds.put("problem", ProblemProvider.class);
    kinds.put("method", MethodProvider.class);
    kinds.put("block", BlockProvider.class);
    kinds.put("condition", dev.inn.api.condition.ConditionNetworkProvider.class);
    kinds.put("kernel", KernelProvider.class);
    kinds.put("metric", Metric.class);
    KINDS = Collections.unmodifiableMap(kinds);
  }

  private final ClassLoader loader;
  private final Map<Class<?>, Map<String, Plugin>> cache = new ConcurrentHashMap<>();

  /** Plugins visible to {@code loader}. */
  public PluginRegistry(ClassLoader loader) {
    this.loader = loader;
  }

  /** Plugins on the class path of this library. */
  public static PluginRegistry fromClassPath() {
    return new PluginRegistry(PluginRegistry.class.getClassLoader());
  }

  /**
   * Plugins visible to the current thread's context class loader: what a plugin uses to
   * find other plugins (e.g. the INN its kernels), so jars of a plugins folder are seen when
   * the command line installs that loader.
   */
  public static PluginRegistry current() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return new PluginRegistry(cl != null ? cl : PluginRegistry.class.getClassLoader());
  }

  /** Plugins on the class path plus every jar in {@code folder} (ignored when it does not exist). */
  public static PluginRegistry withPluginFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return fromClassPath();
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<URL> jars = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(p.toUri().toURL());
      }
      return new PluginRegistry(new URLClassLoader(jars.toArray(new URL[0]), PluginRegistry.class.getClassLoader()));
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad plugin path in " + folder, e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list plugin folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The class loader plugins are found with (e.g. to make it the thread's context loader, so
   * plugins that look up other plugins see the same jars).
   */
  public ClassLoader classLoader() {
    return loader;
  }

  /** All plugins of a kind, by name (sorted). */
  public <P extends Plugin> Map<String, P> all(Class<P> kind) {
    @SuppressWarnings("unchecked")
    Map<String, P> found = (Map<String, P>) cache.computeIfAbsent(kind, k -> discover(kind));
    return found;
  }

  private <P extends Plugin> Map<String, Plugin> discover(Class<P> kind) {
    Map<String, Plugin> byName = new TreeMap<>();
    try {
      for (P p : ServiceLoader.load(kind, loader)) {
        Plugin previous = byName.putIfAbsent(p.name(), p);
        if (previous != null && previous.getClass() != p.getClass()) {
          throw new IllegalStateException("two " + kindName(kind) + " plugins are named '" + p.name() + "': "
              + previous.getClass().getName() + " and " + p.getClass().getName());
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a " + kindName(kind) + " plugin failed to load: " + e.getMessage(), e);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** The plugin of {@code kind} called {@code name}; an unknown name lists the available ones. */
  public <P extends Plugin> P find(Class<P> kind, String name) {
    P p = all(kind).get(name);
    if (p == null) {
      throw new ConfigurationException("unknown " + kindName(kind) + " '" + name + "'; available: "
          + String.join(", ", all(kind).keySet()));
    }
    return p;
  }

  /** The plugin's defaults overridden by {@code overrides}; unknown keys are rejected. */
  public static Settings settingsFor(Plugin plugin, String kindName, Map<String, ?> overrides) {
    return Settings.resolve(kindName + " '" + plugin.name() + "'", plugin.defaults(), overrides);
  }

  /** The word used for a kind in messages, e.g. "problem". */
  public static String kindName(Class<?> kind) {
    for (Map.Entry<String, Class<? extends Plugin>> e : KINDS.entrySet()) {
      if (e.getValue().equals(kind)) {
        return e.getKey();
      }
    }
    return kind.getSimpleName();
  }
}
