package dev.inn.bench.speed;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.cinn.CinnMethod;
import dev.inn.core.linalg.Gemm;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Speed of the conditional INN in the configuration of the PyTorch yardstick
 * (shared/perf/torch_cinn_reference.py): slcp's shape (5 parameters, 8 observations),
 * conditioning net 8-64-64-32, 6 units of ActNorm + fixed permutation + one-sided affine
 * coupling (one subnet of 2 x 128 ReLU giving s and t, atan clamp 2), batch 256, Adam at the cINN's default learning rate.
 * Reports training steps/s, posterior samples/s (10 000 for one observation), log-density
 * evaluations/s (10 000 pairs, each with its own observation, as the reference does) and the
 * latency of one posterior sample. Medians over windows after a warm-up.
 */
public final class CinnSpeedBenchmark {

  private CinnSpeedBenchmark() {}

  /** Runs the benchmark and returns one JSON line. */
  public static String runJson(dev.inn.api.plugin.PluginLookup registry, int threads, int warmupSteps, int timedSteps, int windows) {
    ProblemProvider pp = registry.find(ProblemProvider.class, "slcp");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    Map<String, Object> condition = Map.of("condition_settings", Map.of("hidden", 64, "layers", 3, "width", 32));
    return runJson(registry, problem, condition, 256, "", threads, warmupSteps, timedSteps, windows);
  }

  /**
   * The benchmark for any problem: the yardstick's cINN (6 blocks, subnets 2 x 128) with the
   * given condition settings and batch; {@code label} is put into the JSON as its first fields
   * (e.g. {@code "\"summary\": \"gru\", "}).
   */
  static String runJson(dev.inn.api.plugin.PluginLookup registry, Problem problem, Map<String, Object> condition,
      int batch, String label, int threads, int warmupSteps, int timedSteps, int windows) {
    MethodProvider mp = registry.find(MethodProvider.class, "cinn");
    int perWindow = Math.max(1, timedSteps / windows);
    Map<String, Object> settings = new java.util.HashMap<>(Map.ofEntries(Map.entry("blocks", 6),
        Map.entry("hidden", 128), Map.entry("layers", 3), Map.entry("clamp", 2.0), Map.entry("block", "glow-coupling"),
        Map.entry("alternate_block", ""), Map.entry("support_transform", false), Map.entry("ensemble", 1),
        Map.entry("batch", batch), Map.entry("grad_clip", 0.0), Map.entry("threads", threads),
        Map.entry("steps", warmupSteps + perWindow * windows), Map.entry("log_every", perWindow)));
    settings.putAll(condition);
    CinnMethod cinn = (CinnMethod) mp.create(problem, PluginRegistry.settingsFor(mp, "method", settings));
    Dataset data = problem.sample(20_000, 1);
    double[] rates = SpeedBenchmark.trainingRates(cinn, data, warmupSteps);
    float[] yStar = data.ragged() ? java.util.Arrays.copyOf(data.y().row(0),
        data.lengths()[0] * problem.observationShape().elementWidth()) : data.y().row(0);
    int n = 10_000;
    // steady state of the inference path, as in SpeedBenchmark
    for (int i = 0; i < SpeedBenchmark.SAMPLE_WARMUP_CALLS; i++) {
      cinn.sample(yStar, n, i);
    }
    double[] sampleRates = new double[windows];
    for (int w = 0; w < windows; w++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        cinn.sample(yStar, n, i);
      }
      sampleRates[w] = 5.0 * n / ((System.nanoTime() - t0) / 1e9);
    }
    Dataset pairs = data.select(java.util.stream.IntStream.range(0, n).toArray());
    for (int i = 0; i < SpeedBenchmark.SAMPLE_WARMUP_CALLS; i++) {
      cinn.logDensities(pairs);
    }
    double[] densityRates = new double[windows];
    for (int w = 0; w < windows; w++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        cinn.logDensities(pairs);
      }
      densityRates[w] = 5.0 * n / ((System.nanoTime() - t0) / 1e9);
    }
    double[] latency = new double[200];
    for (int i = 0; i < latency.length; i++) {
      long t0 = System.nanoTime();
      Matrix one = cinn.sample(yStar, 1, i);
      latency[i] = (System.nanoTime() - t0) / 1e6;
      if (one.rows() != 1) {
        throw new IllegalStateException("one sample expected, got " + one.rows());
      }
    }
    double train = SpeedBenchmark.median(rates);
    return String.format(Locale.ROOT,
        "{%s\"impl\": \"inn-java-%s\", \"kernel\": \"%s\", \"threads\": %d, \"batch\": %d, \"hidden\": 128, "
            + "\"blocks\": 6, \"train_steps_per_s\": %.2f, \"train_samples_per_s\": %.0f, \"sample_per_s\": %.0f, "
            + "\"log_prob_per_s\": %.0f, \"latency_1_ms\": %.4f}",
        label, System.getProperty("java.version"), Gemm.best().description(), threads, batch, train, train * batch,
        SpeedBenchmark.median(sampleRates), SpeedBenchmark.median(densityRates),
        SpeedBenchmark.median(Arrays.copyOfRange(latency, 20, latency.length)));
  }
}
