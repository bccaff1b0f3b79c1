package dev.inn.core.inn;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.plugin.PluginRef;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The plugins an INN's settings refer to, resolved and checked with their own settings: what
 * the provider validates when a suite is read and what the method is built from.
 *
 * @param coupling the coupling block with its settings ({@code block_settings}, plus
 *     {@code clamp_function} when the block offers it and {@code block_settings} does not set it)
 * @param permutation the permutation block between couplings
 * @param forwardKernel the kernel of L_z's MMD
 * @param backwardKernel the kernel of L_x's MMD
 */
record InnPlugins(PluginRef<BlockProvider> coupling, PluginRef<BlockProvider> permutation,
    PluginRef<KernelProvider> forwardKernel, PluginRef<KernelProvider> backwardKernel) {

  static InnPlugins resolve(InnConfig config, PluginLookup plugins) {
    InnConfig.Network net = config.network();
    BlockProvider block;
    try {
      block = plugins.find(BlockProvider.class, net.block());
    } catch (ConfigurationException e) {
      throw new ConfigurationException("block", "setting 'block' of method 'inn': " + e.getMessage());
    }
    Map<String, Object> blockSettings = new HashMap<>(net.blockSettings());
    if (block.defaults().containsKey("clamp_function")) {
      blockSettings.putIfAbsent("clamp_function", net.clampFunction());
    }
    PluginRef<BlockProvider> coupling = ref(plugins, BlockProvider.class, "block_settings", block.name(), blockSettings);
    PluginRef<BlockProvider> permutation = ref(plugins, BlockProvider.class, "block", "permutation", Map.of());
    return new InnPlugins(coupling, permutation,
        kernel(plugins, "forward_kernel", config.losses().forwardKernel()),
        kernel(plugins, "backward_kernel", config.losses().backwardKernel()));
  }

  private static PluginRef<KernelProvider> kernel(PluginLookup plugins, String key, Map<String, Object> table) {
    try {
      return plugins.reference(KernelProvider.class, table, "setting '" + key + "' of method 'inn'");
    } catch (ConfigurationException e) {
      throw new ConfigurationException(key + e.key().map(k -> "." + k).orElse(""), e.getMessage());
    }
  }

  private static <P extends dev.inn.api.plugin.Plugin> PluginRef<P> ref(PluginLookup plugins, Class<P> kind,
      String key, String name, Map<String, Object> settings) {
    Map<String, Object> table = new HashMap<>(settings);
    table.put("name", name);
    try {
      return plugins.reference(kind, table, "setting '" + key + "' of method 'inn'");
    } catch (ConfigurationException e) {
      throw new ConfigurationException(key + e.key().map(k -> "." + k).orElse(""), e.getMessage());
    }
  }

  /** The block spec's settings of the coupling. */
  Settings couplingSettings() {
    return coupling.settings();
  }
}
