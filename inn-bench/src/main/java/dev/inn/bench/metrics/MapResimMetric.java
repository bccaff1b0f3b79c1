package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.diagnostics.MeanShiftMap;
import java.util.List;
import java.util.Map;

/**
 * MAP re-simulation error (paper Table 1): ||s(x_hat) - y*|| for the mean-shift MAP estimate,
 * averaged over test observations ({@code map_resim}); the fraction of MAP estimates the
 * simulator rejects is reported as {@code map_resim_invalid}.
 */
public final class MapResimMetric implements Metric {

  @Override
  public String name() {
    return "map-resim";
  }

  @Override
  public String description() {
    return "distance between the simulated MAP estimate s(x_hat) and y*, mean over test observations";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("bandwidth", 0.1, "starts", 16L, "observations", 1000L);
  }

  @Override
  public void validate(Settings settings) {
    settings.getPositive("bandwidth");
    settings.getInt("starts", 1);
    settings.getInt("observations", 0);
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("map_resim", "map_resim_invalid");
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    return Requirements.simulator(problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = limit(input.size(), settings.getInt("observations"));
    MeanShiftMap map = new MeanShiftMap(settings.getDouble("bandwidth"), settings.getInt("starts"));
    Matrix estimates = map.estimateAll(input.posteriors().subList(0, n), input.parameterScale(), input.seed());
    Resimulation r = Resimulation.of(input.problem(), estimates, input.observations().rows(0, n));
    double[] dist = r.distances();
    double[] invalid = new double[n];
    for (int i = 0; i < n; i++) {
      invalid[i] = Double.isNaN(dist[i]) ? 1 : 0;
    }
    int invalidCount = r.invalid();
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        return new double[] {Statistics.mean(dist, indices), Statistics.mean(invalid, indices)};
      }

      @Override
      public List<String> notes() {
        return List.of("map_resim over the first " + n + " test observations; " + invalidCount
            + " MAP estimates were invalid for the simulator (excluded from the mean, fraction in map_resim_invalid)");
      }
    };
  }

  static int limit(int size, int wanted) {
    return wanted <= 0 ? size : Math.min(size, wanted);
  }
}
