package dev.inn.bench.cli;

import dev.inn.bench.speed.SpeedBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn speed}: training steps/s and samples/s of the INN, printed as one JSON line. */
@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Measure INN training steps/s and posterior samples/s (8 modes, paper configuration); prints JSON.")
final class SpeedCommand implements Callable<Integer> {

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

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    common.registry();
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    spec.commandLine().getOut().println(SpeedBenchmark.runJson(t, warmup, steps, windows));
    return 0;
  }
}
