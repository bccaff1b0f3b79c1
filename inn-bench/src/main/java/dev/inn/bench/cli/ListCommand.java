package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.api.plugin.Plugin;
import dev.inn.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code inn list}: every discovered plugin by kind, with description and settings. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List every discovered plugin by kind, with its description and settings (defaults).")
final class ListCommand extends PluginCommand {

  @Inject
  ListCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Parameters(arity = "0..1", paramLabel = "KIND", description = "only this kind: ${COMPLETION-CANDIDATES}",
      completionCandidates = Kinds.class)
  String kind;

  static final class Kinds extends java.util.ArrayList<String> {
    Kinds() {
      super(PluginRegistry.KINDS.keySet());
    }
  }

  @Override
  public Integer call() {
    if (kind != null && !PluginRegistry.KINDS.containsKey(kind)) {
      throw new IllegalArgumentException("unknown plugin kind '" + kind + "'; kinds: " + PluginRegistry.KINDS.keySet());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Map.Entry<String, Class<? extends Plugin>> k : PluginRegistry.KINDS.entrySet()) {
      if (kind != null && !kind.equals(k.getKey())) {
        continue;
      }
      out.println(k.getKey() + "s:");
      Map<String, ? extends Plugin> all = plugins.all(k.getValue());
      if (all.isEmpty()) {
        out.println("  (none)");
      }
      for (Plugin p : all.values()) {
        out.println("  " + p.name() + "  - " + p.description());
        Map<String, String> meaning = p.settingDescriptions();
        for (Map.Entry<String, Object> s : new TreeMap<>(p.defaults()).entrySet()) {
          String line = s.getKey() + " = " + dev.inn.bench.report.ConfigToml.value(s.getValue());
          String words = meaning.get(s.getKey());
          // the meaning after the default, aligned where the defaults are short, as a TOML comment
          out.println("      " + (words == null ? line : String.format("%-34s # %s", line, words)));
        }
      }
      out.println();
    }
    return 0;
  }
}
