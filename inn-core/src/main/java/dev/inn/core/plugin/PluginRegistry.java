package dev.inn.core.plugin;

import com.google.inject.Injector;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.metric.Metric;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.plugin.PluginRef;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.inject.Application;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every plugin on the class path (and in an optional plugins folder), by kind and name. The
 * classes come from the standard {@code META-INF/services/<kind>} files; each is created once
 * by the application's injector, so a plugin's {@code @Inject} constructor receives what it
 * declares (this lookup, the training engine, the worker pool). Built-ins are registered and
 * created exactly like third-party jars.
 */
@Singleton
public final class PluginRegistry implements PluginLookup {

  /** The kinds of plugin, in the order {@code inn list} shows them. */
  public static final Map<String, Class<? extends Plugin>> KINDS;

  static {
    Map<String, Class<? extends Plugin>> kinds = new LinkedHashMap<>();
    kinds.put("problem", ProblemProvider.class);
    kinds.put("method", MethodProvider.class);
    kinds.put("block", BlockProvider.class);
    kinds.put("condition", ConditionNetworkProvider.class);
    kinds.put("kernel", KernelProvider.class);
    kinds.put("metric", Metric.class);
    KINDS = Collections.unmodifiableMap(kinds);
  }

  private final ClassLoader loader;
  private final Injector injector;
  private final Map<Class<?>, Map<String, Plugin>> cache = new ConcurrentHashMap<>();

  /**
   * @param loader where the service files and plugin classes are found
   * @param injector creates each plugin
   */
  @Inject
  public PluginRegistry(@Named(Application.PLUGIN_LOADER) ClassLoader loader, Injector injector) {
    this.loader = loader;
    this.injector = injector;
  }

  /** The registry of an application over the class path of this library. */
  public static PluginRegistry fromClassPath() {
    return Application.create(PluginRegistry.class.getClassLoader()).getInstance(PluginRegistry.class);
  }

  /** The registry of an application over the class path plus every jar in {@code folder} (if it exists). */
  public static PluginRegistry withPluginFolder(Path folder) {
    return Application.withPluginFolder(folder).getInstance(PluginRegistry.class);
  }

  /** The class loader plugins are found with. */
  public ClassLoader classLoader() {
    return loader;
  }

  @Override
  public <P extends Plugin> Map<String, P> all(Class<P> kind) {
    @SuppressWarnings("unchecked")
    Map<String, P> found = (Map<String, P>) cache.computeIfAbsent(kind, k -> discover(kind));
    return found;
  }

  private <P extends Plugin> Map<String, Plugin> discover(Class<P> kind) {
    Map<String, Plugin> byName = new TreeMap<>();
    for (String className : serviceEntries(kind)) {
      P p = create(kind, className);
      Plugin previous = byName.putIfAbsent(p.name(), p);
      if (previous != null && previous.getClass() != p.getClass()) {
        throw new IllegalStateException("two " + kindName(kind) + " plugins are named '" + p.name() + "': "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  private <P extends Plugin> P create(Class<P> kind, String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("a " + kindName(kind) + " plugin failed to load: class " + className
          + " is listed in META-INF/services/" + kind.getName() + " but cannot be loaded (" + e + ")", e);
    }
    if (!kind.isAssignableFrom(type)) {
      throw new IllegalStateException("a " + kindName(kind) + " plugin failed to load: " + className
          + " is listed in META-INF/services/" + kind.getName() + " but does not implement it");
    }
    try {
      return kind.cast(injector.getInstance(type));
    } catch (com.google.inject.ConfigurationException | com.google.inject.ProvisionException e) {
      throw new IllegalStateException("a " + kindName(kind) + " plugin failed to load: cannot create " + className
          + ": " + e.getMessage(), e);
    }
  }

  /** Class names listed for {@code kind} in every service file the loader sees, in class-path order. */
  private Set<String> serviceEntries(Class<?> kind) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> files = loader.getResources("META-INF/services/" + kind.getName());
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the " + kindName(kind) + " plugin lists: " + e.getMessage(), e);
    }
    return names;
  }

  @Override
  public <P extends Plugin> P find(Class<P> kind, String name) {
    P p = all(kind).get(name);
    if (p == null) {
      throw new ConfigurationException("unknown " + kindName(kind) + " '" + name + "'; available: "
          + String.join(", ", all(kind).keySet()));
    }
    return p;
  }

  @Override
  public <P extends Plugin> PluginRef<P> reference(Class<P> kind, Object value, String where) {
    String name;
    Map<String, Object> overrides = new TreeMap<>();
    if (value instanceof String s) {
      name = s;
    } else if (value instanceof Map<?, ?> table) {
      if (!(table.get("name") instanceof String s)) {
        throw new ConfigurationException(where + " needs the name of a " + kindName(kind) + ", e.g. {name = \""
            + all(kind).keySet().stream().findFirst().orElse("...") + "\"}");
      }
      name = s;
      table.forEach((k, v) -> overrides.put(String.valueOf(k), v));
      overrides.remove("name");
    } else {
      throw new ConfigurationException(where + " must name a " + kindName(kind) + " (a string, or a table with a name),"
          + " got " + value);
    }
    P plugin;
    try {
      plugin = find(kind, name);
      Settings settings = settingsFor(plugin, kindName(kind), overrides);
      plugin.validate(settings);
      return new PluginRef<>(plugin, settings);
    } catch (ConfigurationException e) {
      // the nested plugin's own key, for the caller to prefix with the setting that refers to it
      throw new ConfigurationException(e.key().orElse(null), where + ": " + e.getMessage());
    }
  }

  /** The plugin's defaults overridden by {@code overrides}; unknown keys are rejected. */
  public static Settings settingsFor(Plugin plugin, String kindName, Map<String, ?> overrides) {
    return Settings.resolve(kindName + " '" + plugin.name() + "'", plugin.defaults(), overrides);
  }

  /**
   * The plugin's complete settings, checked by its {@code validate}: what a command does once
   * with its {@code key=value} options before it simulates or trains anything.
   */
  public static Settings checkedSettings(Plugin plugin, String kindName, Map<String, ?> overrides) {
    Settings settings = settingsFor(plugin, kindName, overrides);
    plugin.validate(settings);
    return settings;
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
