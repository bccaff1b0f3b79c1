package dev.inn.core.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Builds the application: one Guice injector from the core's bindings plus every
 * {@link Module} that a jar on the class path or in the plugins folder lists in
 * {@code META-INF/services/com.google.inject.Module}. Plugins, commands and the harness are
 * created by it; nothing is looked up statically.
 */
public final class Application {

  /** The name of the bound class loader that sees the plugin jars. */
  public static final String PLUGIN_LOADER = "inn.plugin-loader";

  private Application() {}

  /** The injector of an application whose plugins are visible to {@code loader}. */
  public static Injector create(ClassLoader loader) {
    List<Module> modules = new ArrayList<>();
    modules.add(new InnModule(loader));
    try {
      for (Module m : ServiceLoader.load(Module.class, loader)) {
        modules.add(m);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a plugin's Guice module failed to load: " + e.getMessage(), e);
    }
    return Guice.createInjector(modules);
  }

  /** The injector over the class path plus every jar in {@code folder} (ignored when it does not exist). */
  public static Injector withPluginFolder(Path folder) {
    return create(pluginLoader(folder));
  }

  /** A loader over the jars of {@code folder} (sorted by name) in front of this library's class path. */
  public static ClassLoader pluginLoader(Path folder) {
    ClassLoader parent = Application.class.getClassLoader();
    if (folder == null || !Files.isDirectory(folder)) {
      return parent;
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<URL> jars = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(p.toUri().toURL());
      }
      return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(new URL[0]), parent);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad plugin path in " + folder, e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list plugin folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
