package dev.inn.api.plugin;

import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * What every discoverable extension has: a stable name, a one-line description and the
 * settings it accepts with their defaults. Each kind of plugin (problem, method, block,
 * condition network, kernel, metric) extends this and is registered in
 * {@code META-INF/services/<its interface>}; the application's injector creates it, so its
 * constructor may ask for a {@link PluginLookup} or a {@code TrainingEngine} with
 * {@code @jakarta.inject.Inject}.
 */
public interface Plugin {

  /** The stable name used in suites and on the command line, e.g. {@code "affine-coupling"}. */
  String name();

  /** One line for {@code inn list}. */
  String description();

  /**
   * Every accepted setting with its default value (numbers, strings, booleans or lists).
   * Keys not listed here are rejected.
   */
  default Map<String, Object> defaults() {
    return Map.of();
  }

  /**
   * What settings mean, one short line each, keyed like {@link #defaults()}, for
   * {@code inn list}; settings without an entry are listed with their default alone.
   */
  default Map<String, String> settingDescriptions() {
    return Map.of();
  }

  /**
   * Checks settings already merged over {@link #defaults()} as a whole: ranges, allowed
   * values, and the plugins they refer to (resolved with
   * {@link PluginLookup#reference}, so a nested plugin's own settings are checked too). Called
   * when a suite is read, before anything trains, so a mistake in its last entry costs nothing.
   * The default accepts everything the type checks of {@code defaults()} let through.
   *
   * @param settings the resolved settings
   * @throws dev.inn.api.settings.ConfigurationException naming the setting (its
   *     {@code key()} set) when a value is not acceptable
   */
  default void validate(Settings settings) {}

  /**
   * This plugin's settings from {@code overrides}: merged over {@link #defaults()} (unknown
   * keys and wrong types refused) and checked by {@link #validate}, which is what the
   * application does once when it reads a suite or a command line. The {@code create} methods
   * of every plugin kind take settings made this way and do not merge or check them again; a
   * plugin that builds another without a suite (or a test) makes its settings here.
   *
   * @param overrides the values that differ from the defaults
   * @return the complete, checked settings, owned by {@code "'" + name() + "'"} in messages
   * @throws dev.inn.api.settings.ConfigurationException naming the setting when one does not fit
   */
  default Settings settings(Map<String, ?> overrides) {
    Settings settings = Settings.resolve("'" + name() + "'", defaults(), overrides);
    validate(settings);
    return settings;
  }
}
