package dev.inn.baselines.abc;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Locale;
import java.util.Map;

/**
 * How fast threshold ABC runs on inverse kinematics for the hard observation y* = (0, 1.5),
 * on all cores: one warm-up run, then a timed one. The problem is looked up by name
 * ({@code inverse-kinematics}), so inn-problems must be on the class path.
 */
public final class AbcThroughputBenchmark {

  private static final float[] HARD_OBSERVATION = {0f, 1.5f};

  private AbcThroughputBenchmark() {
  }

  /**
   * Runs the benchmark and returns one JSON line: simulations, accepted samples, acceptance
   * rate, seconds and {@code simulations_per_s}.
   *
   * @param samples accepted samples to collect
   * @param epsilon acceptance radius
   * @param seed seed of the timed run
   */
  public static String runJson(int samples, double epsilon, long seed) {
    ProblemProvider provider = PluginRegistry.fromClassPath().find(ProblemProvider.class, "inverse-kinematics");
    Problem problem = provider.create(provider.settings(Map.of()));
    AbcConfig config = new AbcConfig(AbcMode.THRESHOLD, epsilon, 0.005, 2_000_000_000L, 4096, 0, 256, false);
    Abc abc = new Abc(problem, config);
    abc.sample(HARD_OBSERVATION, Math.max(1, samples / 10), seed + 1); // warm-up (JIT)
    AbcRunStats s = abc.sampleWithStats(HARD_OBSERVATION, samples, seed).stats();
    return String.format(Locale.ROOT,
        "{\"benchmark\":\"abc-throughput\",\"problem\":\"inverse-kinematics\",\"observation\":[0,1.5],"
            + "\"mode\":\"threshold\",\"epsilon\":%s,\"threads\":%d,\"accepted\":%d,\"simulations\":%d,"
            + "\"acceptance_rate\":%.6g,\"seconds\":%.3f,\"simulations_per_s\":%.0f}",
        epsilon, config.effectiveThreads(), s.accepted(), s.simulations(), s.acceptanceRate(), s.seconds(),
        s.simulationsPerSecond());
  }

  /** {@code [samples [epsilon [seed]]]}, defaults 4096, 0.02, 1. */
  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
    double epsilon = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.println(runJson(samples, epsilon, seed));
  }
}
