package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import dev.inn.bench.speed.CinnSpeedBenchmark;
import dev.inn.bench.speed.SpeedBenchmark;
import dev.inn.bench.speed.SummarySpeedBenchmark;
import dev.inn.core.linalg.Gemm;
import dev.inn.core.profile.StepProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code inn speed}: training steps/s and samples/s of the INN, printed as one JSON line. */
@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Measure training steps/s and posterior samples/s of the INN (8 modes, paper configuration) or the cINN (slcp shape); prints JSON.")
final class SpeedCommand extends PluginCommand {

  @Inject
  SpeedCommand(PluginLookup plugins) {
    super(plugins);
  }

  @Option(names = "--threads", description = "worker threads (default: all cores)")
  Integer threads;

  // 300: the JIT compiles the step for about 200 steps on the other core, and the trainer then
  // times 48 steps to choose between one and all threads (timed with 30, two threads looked
  // slower than one for the cINN; they are 1.6x faster)
  @Option(names = "--warmup", defaultValue = "300", description = "untimed warm-up steps (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--steps", defaultValue = "300", description = "timed training steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--windows", defaultValue = "5", description = "timing windows, median reported (default: ${DEFAULT-VALUE})")
  int windows;

  @Option(names = "--method", defaultValue = "inn",
      description = "inn (torch_reference.py's configuration) or cinn (torch_cinn_reference.py's) (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--summary",
      description = "with --method cinn: train with a summary network on raw observations, deepset, conv1d or gru, "
          + "at torch_summary_reference.py's shapes")
  String summary;

  @Option(names = "--profile",
      description = "also print where a training step's time goes (matrix products, element-wise ops, MMD, copies, hand-off, optimizer) as a table")
  boolean profile;

  @Override
  public Integer call() {
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (profile) {
      SpeedBenchmark.startProfile();
    }
    if (summary != null && !method.equals("cinn")) {
      throw new IllegalArgumentException("--summary needs --method cinn");
    }
    String json = switch (method) {
      case "inn" -> SpeedBenchmark.runJson(plugins, t, warmup, steps, windows);
      case "cinn" -> summary == null ? CinnSpeedBenchmark.runJson(plugins, t, warmup, steps, windows)
          : SummarySpeedBenchmark.runJson(plugins, summary, t, warmup, steps, windows);
      default -> throw new IllegalArgumentException("--method must be inn or cinn, got '" + method + "'");
    };
    spec.commandLine().getOut().println(json);
    if (profile) {
      StepProfile.enable(false);
      spec.commandLine().getOut().println(StepProfile.table("training step profile: " + method + ", " + t
          + " thread(s), kernel " + Gemm.best().description()));
    }
    return 0;
  }
}
