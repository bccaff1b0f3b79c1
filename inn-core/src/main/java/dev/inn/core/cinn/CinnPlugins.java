package dev.inn.core.cinn;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.condition.ConditionNetworkProvider;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.plugin.Plugin;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.plugin.PluginRef;
import dev.inn.api.settings.ConfigurationException;
import java.util.HashMap;
import java.util.Map;

/**
 * The plugins a cINN's settings refer to, resolved and checked with their own settings: what
 * the provider validates when a suite is read and what the method is built from.
 *
 * @param condition the condition network h(y) with {@code condition_settings}; null when
 *     {@code condition = "auto"} and the observation's shape is not yet known (a suite's check)
 * @param coupling the coupling block with {@code block_settings} (one-sided unless they say
 *     otherwise, for blocks that offer {@code two_sided})
 * @param alternate the coupling block of units 1, 3, 5, ... with its defaults (one-sided where
 *     offered), or null when {@code alternate_block} is empty
 * @param permutation the permutation between couplings
 * @param actNorm the normalisation starting each unit
 */
record CinnPlugins(PluginRef<ConditionNetworkProvider> condition, PluginRef<BlockProvider> coupling,
    PluginRef<BlockProvider> alternate, PluginRef<BlockProvider> permutation, PluginRef<BlockProvider> actNorm) {

  /** The condition network {@code condition = "auto"} picks for each kind of observation. */
  static String automaticCondition(ObservationShape shape) {
    if (shape instanceof ObservationShape.Set) {
      return "deepset";
    }
    return shape instanceof ObservationShape.Sequence ? "conv1d" : "mlp";
  }

  /**
   * Resolves the plugins for observations of {@code shape}, or, with a null shape, checks what
   * can be checked without the problem (an automatic condition network is then left null).
   */
  static CinnPlugins resolve(CinnConfig config, PluginLookup plugins, ObservationShape shape) {
    String conditionName = config.condition();
    if (CinnConfig.AUTO_CONDITION.equals(conditionName)) {
      conditionName = shape == null ? null : automaticCondition(shape);
    }
    PluginRef<ConditionNetworkProvider> condition = conditionName == null ? null : ref(plugins,
        ConditionNetworkProvider.class, "condition", "condition_settings", conditionName, config.conditionSettings());
    if (condition != null && shape != null && !condition.plugin().accepts(shape)) {
      throw new ConfigurationException("condition", "cinn: the condition network '" + conditionName + "' does not"
          + " take a " + shape.describe() + "; leave condition = \"auto\" to pick one that does");
    }
    BlockProvider block = find(plugins, BlockProvider.class, "block", config.block());
    Map<String, Object> blockSettings = new HashMap<>(config.blockSettings());
    if (block.defaults().containsKey("two_sided")) {
      blockSettings.putIfAbsent("two_sided", false);
    }
    PluginRef<BlockProvider> coupling = ref(plugins, BlockProvider.class, "block", "block_settings", block.name(),
        blockSettings);
    PluginRef<BlockProvider> alternate = null;
    if (!config.alternateBlock().isEmpty()) {
      BlockProvider other = find(plugins, BlockProvider.class, "alternate_block", config.alternateBlock());
      alternate = ref(plugins, BlockProvider.class, "alternate_block", "alternate_block", other.name(),
          other.defaults().containsKey("two_sided") ? Map.of("two_sided", false) : Map.of());
    }
    PluginRef<BlockProvider> permutation = ref(plugins, BlockProvider.class, "permutation", "permutation",
        config.permutation(), Map.of());
    PluginRef<BlockProvider> actNorm = ref(plugins, BlockProvider.class, "actnorm", "actnorm", "actnorm", Map.of());
    return new CinnPlugins(condition, coupling, alternate, permutation, actNorm);
  }

  private static <P extends Plugin> P find(PluginLookup plugins, Class<P> kind, String key, String name) {
    try {
      return plugins.find(kind, name);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(key, "setting '" + key + "' of method 'cinn': " + e.getMessage());
    }
  }

  private static <P extends Plugin> PluginRef<P> ref(PluginLookup plugins, Class<P> kind, String nameKey,
      String settingsKey, String name, Map<String, Object> settings) {
    find(plugins, kind, nameKey, name);
    Map<String, Object> table = new HashMap<>(settings);
    table.put("name", name);
    try {
      return plugins.reference(kind, table, "setting '" + settingsKey + "' of method 'cinn'");
    } catch (ConfigurationException e) {
      throw new ConfigurationException(settingsKey + e.key().map(k -> "." + k).orElse(""), e.getMessage());
    }
  }
}
