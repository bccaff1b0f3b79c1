package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that looks up plugins has: the lookup it is built with (lazy, see
 * {@code Main.InjectingFactory}: help and argument errors never scan plugins), the options all
 * commands share, and picocli's spec for its output streams. A subclass declares only its own
 * options and an {@code @Inject} constructor that passes the lookup on.
 */
abstract class PluginCommand implements Callable<Integer> {

  /** The plugins the command's problems, methods and suites are looked up in. */
  final PluginLookup plugins;

  @Mixin
  Main.Common common;

  @Spec
  CommandSpec spec;

  PluginCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }
}
