package dev.inn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.inn.core.plugin.PluginRegistry;
import java.nio.file.Path;

/**
 * Guice wiring of the core: one {@link PluginRegistry} over the class path and an optional
 * plugins folder, injected wherever plugins are looked up.
 */
public final class InnModule extends AbstractModule {

  private final Path pluginFolder;

  /** @param pluginFolder jars to load beside the class path (may not exist) */
  public InnModule(Path pluginFolder) {
    this.pluginFolder = pluginFolder;
  }

  @Provides
  @Singleton
  PluginRegistry registry() {
    PluginRegistry registry = PluginRegistry.withPluginFolder(pluginFolder);
    return registry;
  }
}
