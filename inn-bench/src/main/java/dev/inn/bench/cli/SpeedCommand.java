package dev.inn.bench.cli;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inn speed}: the speed benchmark of the autodiff and INN kernels, printed as JSON. */
@Command(name = "speed", mixinStandardHelpOptions = true,
    description = "Measure training and sampling speed; prints JSON.")
final class SpeedCommand implements Callable<Integer> {

  /** Provided by inn-bench's speed package (written separately); looked up so this command builds without it. */
  private static final String BENCHMARK = "dev.inn.bench.speed.SpeedBenchmark";

  @Mixin
  Main.Common common;

  @Option(names = "--threads", defaultValue = "0", description = "worker threads (0: all cores; default ${DEFAULT-VALUE})")
  int threads;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Class<?> type;
    try {
      type = Class.forName(BENCHMARK);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the speed benchmark (" + BENCHMARK + ") is not part of this build");
    }
    Method run = type.getMethod("runJson", int.class);
    spec.commandLine().getOut().println(run.invoke(null, threads));
    return 0;
  }
}
