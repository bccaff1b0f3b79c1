package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.bench.speed.CinnSpeedBenchmark;
import dev.inn.bench.speed.SpeedBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn speed}: training steps/s and samples/s of the INN, printed as one JSON line. */
@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Measure training steps/s and posterior samples/s of the INN (8 modes, paper configuration) or the cINN (slcp shape); prints JSON.")
final class SpeedCommand implements Callable<Integer> {

  private final PluginLookup plugins;

  @Inject
  SpeedCommand(PluginLookup plugins) {
    this.plugins = plugins;
  }


  @Mixin
  Main.Common common;

  @Option(names = "--threads", description = "worker threads (default: all cores)")
  Integer threads;

  @Option(names = "--warmup", defaultValue = "30", description = "untimed warm-up steps (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--steps", defaultValue = "300", description = "timed training steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--windows", defaultValue = "5", description = "timing windows, median reported (default: ${DEFAULT-VALUE})")
  int windows;

  @Option(names = "--method", defaultValue = "inn",
      description = "inn (torch_reference.py's configuration) or cinn (torch_cinn_reference.py's) (default: ${DEFAULT-VALUE})")
  String method;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    String json = switch (method) {
      case "inn" -> SpeedBenchmark.runJson(plugins, t, warmup, steps, windows);
      case "cinn" -> CinnSpeedBenchmark.runJson(plugins, t, warmup, steps, windows);
      default -> throw new IllegalArgumentException("--method must be inn or cinn, got '" + method + "'");
    };
    spec.commandLine().getOut().println(json);
    return 0;
  }
}
