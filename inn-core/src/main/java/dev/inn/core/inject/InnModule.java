package dev.inn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.training.TrainingEngine;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.core.training.GraphTrainingEngine;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's bindings: the plugin lookup over the application's class loader, the training
 * engine, and one worker pool (daemon threads, one per core) for plugins that run
 * independent work in parallel, e.g. simulations.
 */
final class InnModule extends AbstractModule {

  private final ClassLoader pluginLoader;

  InnModule(ClassLoader pluginLoader) {
    this.pluginLoader = pluginLoader;
  }

  @Override
  protected void configure() {
    bind(ClassLoader.class).annotatedWith(Names.named(Application.PLUGIN_LOADER)).toInstance(pluginLoader);
    bind(PluginLookup.class).to(PluginRegistry.class);
    bind(TrainingEngine.class).to(GraphTrainingEngine.class);
  }

  @Provides
  @Singleton
  ExecutorService workers() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
      Thread t = new Thread(r, "inn-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
