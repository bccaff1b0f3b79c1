package dev.inn.core.cinn;

import dev.inn.api.data.ObservationShape;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.settings.Settings;

/**
 * A cINN's settings parsed and the plugins they name resolved and checked, once, when the
 * settings are read; every flow of the method is built from this record.
 *
 * @param config the parsed settings
 * @param plugins the blocks and condition network they name (an automatic condition network
 *     is filled in by {@link #forShape} once the observation's shape is known)
 */
record CinnSettings(CinnConfig config, CinnPlugins plugins) {

  /** Parses {@code settings} (merged over the defaults) and resolves the plugins they name. */
  static CinnSettings parse(Settings settings, PluginLookup registry) {
    CinnConfig config = CinnConfig.from(settings);
    return new CinnSettings(config, CinnPlugins.resolve(config, registry));
  }

  /** These settings for observations of {@code shape}: the automatic condition network picked and checked. */
  CinnSettings forShape(ObservationShape shape, PluginLookup registry) {
    return new CinnSettings(config, plugins.forShape(config, registry, shape));
  }
}
