package dev.inn.api.plugin;

import dev.inn.api.settings.Settings;

/**
 * A setting that names another plugin, resolved and checked: the plugin found by its name and
 * its own settings merged over its defaults (unknown keys and wrong types already refused).
 * Made by {@link PluginLookup#reference}, so a suite's nested references fail when the suite
 * is read, not when a method is built.
 *
 * @param plugin the referenced plugin
 * @param settings its settings
 */
public record PluginRef<P extends Plugin>(P plugin, Settings settings) {

  /** The referenced plugin's name. */
  public String name() {
    return plugin.name();
  }
}
