package dev.inn.bench.speed;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Speed of the conditional INN trained jointly with a summary network on raw observations, in
 * the configuration of the PyTorch yardstick (shared/perf/torch_summary_reference.py): 4
 * parameters, the cINN of {@link CinnSpeedBenchmark} at batch 128 fed by a summary of width
 * 32 — {@code deepset} over sets of 50 points in R^2 (phi 2-64-64, mean, rho 64-64-32),
 * {@code conv1d} over 100 steps of 2 channels (3 convolutions of 32 channels, kernel 5,
 * dilations 1, 2, 4, mean over time, linear to 32) or {@code gru} over the same series (64
 * units, last state, linear to 32). The data come from the yardstick's simulators. Our
 * networks add log n (log T for conv1d) as one more input of their last part.
 */
public final class SummarySpeedBenchmark {

  /** The summary networks the yardstick has. */
  public static final List<String> SUMMARIES = List.of("deepset", "conv1d", "gru");

  private static final int SET_SIZE = 50;
  private static final int STEPS = 100;

  private SummarySpeedBenchmark() {}

  /** Runs the benchmark for one summary network and returns one JSON line. */
  public static String runJson(PluginLookup registry, String summary, int threads, int warmupSteps, int timedSteps,
      int windows) {
    Map<String, Object> network = switch (summary) {
      case "deepset" -> Map.of("hidden", 64, "phi_layers", 2, "rho_layers", 2, "width", 32);
      case "conv1d" -> Map.of("channels", 32, "layers", 3, "kernel", 5, "width", 32);
      case "gru" -> Map.of("hidden", 64, "width", 32);
      default -> throw new IllegalArgumentException("--summary must be one of " + SUMMARIES + ", got '" + summary
          + "'");
    };
    Map<String, Object> condition = Map.of("condition", summary, "condition_settings", network);
    return CinnSpeedBenchmark.runJson(registry, new YardstickProblem(summary.equals("deepset")), condition, 128,
        "\"summary\": \"" + summary + "\", ", threads, warmupSteps, timedSteps, windows);
  }

  /** The yardstick's simulators: a Gaussian set, or a damped sine with two channels. */
  private record YardstickProblem(boolean set) implements Problem {

    @Override
    public String name() {
      return set ? "speed-set" : "speed-series";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("theta1", "theta2", "theta3", "theta4");
    }

    @Override
    public List<String> observationNames() {
      return List.of("y1", "y2");
    }

    @Override
    public ObservationShape observationShape() {
      return set ? new ObservationShape.Set(2) : new ObservationShape.Sequence(2);
    }

    @Override
    public Dataset sample(int n, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int elements = set ? SET_SIZE : STEPS;
      float[] x = new float[n * 4];
      float[] y = new float[n * elements * 2];
      for (int i = 0; i < n; i++) {
        double[] th = new double[4];
        for (int k = 0; k < 4; k++) {
          th[k] = r.nextGaussian();
          x[i * 4 + k] = (float) th[k];
        }
        for (int e = 0; e < elements; e++) {
          int o = (i * elements + e) * 2;
          if (set) {
            y[o] = (float) (th[0] + Math.exp(0.3 * th[2]) * r.nextGaussian());
            y[o + 1] = (float) (th[1] + Math.exp(0.3 * th[3]) * r.nextGaussian());
          } else {
            double t = e / (double) (STEPS - 1);
            double base = Math.sin(2 * Math.PI * (1 + Math.abs(th[0])) * t) * Math.exp(th[1] * t);
            double noise = 0.1 * Math.exp(0.3 * th[3]);
            y[o] = (float) (base + noise * r.nextGaussian());
            y[o + 1] = (float) (base * th[2] + noise * r.nextGaussian());
          }
        }
      }
      int[] lengths = new int[n];
      Arrays.fill(lengths, elements);
      return new Dataset(new Matrix(n, 4, x), new Matrix(n, elements * 2, y), lengths);
    }
  }
}
