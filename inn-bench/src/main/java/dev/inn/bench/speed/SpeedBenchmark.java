package dev.inn.bench.speed;

import dev.inn.api.data.Dataset;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.core.inn.InnMethod;
import dev.inn.core.linalg.Gemm;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.bench.metrics.Statistics;
import dev.inn.core.profile.StepProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training steps/s and posterior samples/s of the INN in the configuration of the PyTorch
 * reference (shared/perf/torch_reference.py): 8 modes, width 16, 3 two-sided affine blocks
 * with one subnet per half giving s and t (our {@code glow-coupling}), hidden 128, 3 layers,
 * batch 200, all four loss terms, 4096 samples per observation. Medians over windows after
 * a warm-up, as the reference reports them.
 */
public final class SpeedBenchmark {

  /** Sampling calls before the timed ones: enough for the JIT to compile the inference path. */
  static final int SAMPLE_WARMUP_CALLS = 30;

  private SpeedBenchmark() {}

  /** Runs the benchmark and returns one JSON line. */
  public static String runJson(dev.inn.api.plugin.PluginLookup registry, int threads, int warmupSteps, int timedSteps, int windows) {
    ProblemProvider pp = registry.find(ProblemProvider.class, "gaussian-mixture-8");
    Problem problem = pp.create(PluginRegistry.settingsFor(pp, "problem", Map.of()));
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    int perWindow = Math.max(1, timedSteps / windows);
    Map<String, Object> settings = Map.ofEntries(Map.entry("block", "glow-coupling"), Map.entry("blocks", 3), Map.entry("hidden", 128), Map.entry("layers", 3),
        Map.entry("width", 16), Map.entry("batch", 200), Map.entry("weight_x", 250.0), Map.entry("threads", threads),
        // the reference's losses and raw coordinates, written out: the INN's defaults are the maximum-likelihood ones
        Map.entry("z_loss", "mmd"), Map.entry("weight_y", 1.0), Map.entry("weight_z", 50.0),
        Map.entry("standardize", false), Map.entry("support_transform", false), Map.entry("grad_clip", 0.0),
        Map.entry("steps", warmupSteps + perWindow * windows), Map.entry("log_every", perWindow),
        Map.entry("backward_kernel", Map.of("name", "multiscale",
            "scales", List.of(List.of(0.1, 0.1), List.of(0.8, 0.5), List.of(0.2, 2.0)))));
    InnMethod inn = (InnMethod) mp.create(problem, PluginRegistry.settingsFor(mp, "method", settings));
    Dataset data = problem.sample(20_000, 1);
    double[] rates = trainingRates(inn, data, warmupSteps);
    float[] yStar = new float[8];
    yStar[1] = 1f;
    int n = 4096;
    // the JIT compiles the inference passes (no gradient recording) only now: time its steady
    // state, as the reference's windows time PyTorch's (which needs no warm-up past one call)
    for (int i = 0; i < SAMPLE_WARMUP_CALLS; i++) {
      inn.sample(yStar, n, i);
    }
    double[] sampleRates = new double[windows];
    for (int w = 0; w < windows; w++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        inn.sample(yStar, n, i);
      }
      sampleRates[w] = 10.0 * n / ((System.nanoTime() - t0) / 1e9);
    }
    double train = median(rates);
    double sample = median(sampleRates);
    return String.format(java.util.Locale.ROOT,
        "{\"impl\": \"inn-java-%s\", \"kernel\": \"%s\", \"threads\": %d, \"batch\": 200, \"hidden\": 128, "
            + "\"blocks\": 3, \"train_steps_per_s\": %.2f, \"train_ms_per_step\": %.3f, \"sample_per_s\": %.0f}",
        System.getProperty("java.version"), Gemm.best().description(), threads, train, 1000 / train, sample);
  }

  /**
   * Keeps the step profile (when on) to the timed steps: cleared at the first report after
   * the warm-up, stopped at the last step so sampling is not counted.
   */
  static void profileWindow(long done, long total, int warmupSteps) {
    if (!StepProfile.enabled()) {
      return;
    }
    if (done >= total) {
      StepProfile.enable(false);
    } else if (!profileCleared && done >= warmupSteps) {
      StepProfile.reset();
      profileCleared = true;
    }
  }

  private static boolean profileCleared;

  /** Starts a profiled run: the table covers the timed training steps. */
  public static void startProfile() {
    profileCleared = false;
    StepProfile.reset();
    StepProfile.enable(true);
  }

  /**
   * Trains {@code method} on {@code data} and returns its training speed (steps per second) in
   * each progress window after {@code warmupSteps}, timed from the progress reports.
   */
  static double[] trainingRates(PosteriorMethod method, Dataset data, int warmupSteps) {
    List<Long> stamps = new ArrayList<>();
    List<Long> stepsAt = new ArrayList<>();
    method.train(data, new TrainingContext(1, (task, done, total, msg) -> {
      profileWindow(done, total, warmupSteps);
      stamps.add(System.nanoTime());
      stepsAt.add(done);
    }));
    List<Double> rates = new ArrayList<>();
    for (int i = 1; i < stamps.size(); i++) {
      if (stepsAt.get(i - 1) >= warmupSteps) {
        rates.add((stepsAt.get(i) - stepsAt.get(i - 1)) / ((stamps.get(i) - stamps.get(i - 1)) / 1e9));
      }
    }
    return rates.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The median of timing windows (fails clearly when none were recorded). */
  static double median(double[] v) {
    if (v.length == 0) {
      throw new IllegalStateException("no timing windows recorded; raise the timed steps");
    }
    return Statistics.median(v.clone());
  }
}
