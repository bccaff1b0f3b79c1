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
 *     {@code condition = "auto"} and the observation's shape is not yet known
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
   * Resolves and checks what the settings name without the problem: the blocks, each of a
   * kind that fits its place, and the condition network unless {@code condition = "auto"}
   * leaves it to the observation's shape ({@link #forShape}).
   *
   * @throws ConfigurationException naming the setting, e.g. a coupling without a conditional
   *     version or a block with one where a permutation belongs
   */
  static CinnPlugins resolve(CinnConfig config, PluginLookup plugins) {
    String conditionName = config.condition();
    PluginRef<ConditionNetworkProvider> condition = CinnConfig.AUTO_CONDITION.equals(conditionName) ? null
        : ref(plugins, ConditionNetworkProvider.class, "condition", "condition_settings", conditionName,
            config.conditionSettings());
    BlockProvider block = conditional(plugins, "block", config.block());
    Map<String, Object> blockSettings = new HashMap<>(config.blockSettings());
    if (block.defaults().containsKey("two_sided")) {
      blockSettings.putIfAbsent("two_sided", false);
    }
    PluginRef<BlockProvider> coupling = ref(plugins, BlockProvider.class, "block", "block_settings", block.name(),
        blockSettings);
    PluginRef<BlockProvider> alternate = null;
    if (!config.alternateBlock().isEmpty()) {
      BlockProvider other = conditional(plugins, "alternate_block", config.alternateBlock());
      alternate = ref(plugins, BlockProvider.class, "alternate_block", "alternate_block", other.name(),
          other.defaults().containsKey("two_sided") ? Map.of("two_sided", false) : Map.of());
    }
    BlockProvider mixing = find(plugins, BlockProvider.class, "permutation", config.permutation());
    if (mixing.conditional()) {
      throw new ConfigurationException("permutation", "setting 'permutation' of method 'cinn': block '"
          + mixing.name() + "' is a conditional block with subnets, not a fixed mixing of the columns between"
          + " couplings; use one without a conditional version: " + String.join(", ", names(plugins, false)));
    }
    PluginRef<BlockProvider> permutation = ref(plugins, BlockProvider.class, "permutation", "permutation",
        config.permutation(), Map.of());
    PluginRef<BlockProvider> actNorm = ref(plugins, BlockProvider.class, "actnorm", "actnorm", "actnorm", Map.of());
    return new CinnPlugins(condition, coupling, alternate, permutation, actNorm);
  }

  /**
   * These plugins for observations of {@code shape}: an automatic condition network picked, and
   * the condition network checked to take such observations.
   */
  CinnPlugins forShape(CinnConfig config, PluginLookup plugins, ObservationShape shape) {
    PluginRef<ConditionNetworkProvider> picked = condition != null ? condition : ref(plugins,
        ConditionNetworkProvider.class, "condition", "condition_settings", automaticCondition(shape),
        config.conditionSettings());
    if (!picked.plugin().accepts(shape)) {
      throw new ConfigurationException("condition", "cinn: the condition network '" + picked.plugin().name()
          + "' does not take a " + shape.describe() + "; leave condition = \"auto\" to pick one that does");
    }
    return new CinnPlugins(picked, coupling, alternate, permutation, actNorm);
  }

  /** The block {@code key} names, refused unless it has a conditional version (a coupling that sees h(y)). */
  private static BlockProvider conditional(PluginLookup plugins, String key, String name) {
    BlockProvider block = find(plugins, BlockProvider.class, key, name);
    if (!block.conditional()) {
      throw new ConfigurationException(key, "setting '" + key + "' of method 'cinn': block '" + name + "' has no"
          + " conditional version, so the cINN's couplings would never see the observation; use one of: "
          + String.join(", ", names(plugins, true)));
    }
    return block;
  }

  /** The names of the blocks with (or without) a conditional version. */
  private static java.util.List<String> names(PluginLookup plugins, boolean conditional) {
    return plugins.all(BlockProvider.class).values().stream().filter(b -> b.conditional() == conditional)
        .map(BlockProvider::name).toList();
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
