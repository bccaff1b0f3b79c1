package dev.inn.api.plugin;

import java.util.Map;

/**
 * Every plugin the application discovered, by kind and name. A plugin that uses other plugins
 * (a method its blocks and kernels) declares a constructor parameter of this type annotated
 * with {@code @jakarta.inject.Inject}; the application's injector passes the one lookup that
 * also sees the jars of the plugins folder.
 */
public interface PluginLookup {

  /**
   * All plugins of one kind, by name, sorted by name.
   *
   * @param kind the plugin interface, e.g. {@code KernelProvider.class}
   * @return an unmodifiable map from name to plugin
   */
  <P extends Plugin> Map<String, P> all(Class<P> kind);

  /**
   * The plugin of {@code kind} called {@code name}.
   *
   * @throws dev.inn.api.settings.ConfigurationException when no such plugin exists; the
   *     message lists the available names
   */
  <P extends Plugin> P find(Class<P> kind, String name);

  /**
   * Resolves a setting that refers to a plugin of {@code kind}: either its name
   * ({@code "imq"}) or a table of its name and its own settings
   * ({@code {name = "imq", widths = [1.2]}}). The settings are merged over the plugin's
   * declared defaults (unknown keys and wrong types refused) and checked by its
   * {@link Plugin#validate}.
   *
   * @param kind the plugin interface
   * @param value the setting's value, a string or a table with a {@code name}
   * @param where the setting, for messages, e.g. {@code "setting 'forward_kernel' of method 'inn'"}
   * @throws dev.inn.api.settings.ConfigurationException naming {@code where} when the name is
   *     unknown, missing, or a setting does not fit the plugin
   */
  <P extends Plugin> PluginRef<P> reference(Class<P> kind, Object value, String where);
}
