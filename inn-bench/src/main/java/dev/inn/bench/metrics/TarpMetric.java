package dev.inn.bench.metrics;

import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.diagnostics.Coverage;
import dev.inn.diagnostics.Tarp;
import java.util.List;
import java.util.Map;

/**
 * TARP (Lemos et al. 2023, {@link Tarp}): {@code tarp_area} = the signed area between the
 * expected-coverage curve and the diagonal, 1/2 - mean(f); 0 when calibrated, positive when
 * the posteriors are too wide, negative when too narrow or biased. The curve is kept for
 * figures. Distances are in prior standard deviations.
 */
public final class TarpMetric implements Metric {

  private static final double[] ALPHAS = Coverage.levels(100);

  @Override
  public String name() {
    return "tarp";
  }

  @Override
  public String description() {
    return "TARP: signed area between the expected-coverage curve and the diagonal (0 = calibrated)";
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("tarp_area");
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.size();
    double[] f = Tarp.fractions(input.truth(), input.posteriors(), input.parameterScale(), input.seed());
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double mean = 0;
        for (int i : indices) {
          mean += f[i];
        }
        return new double[] {0.5 - mean / indices.length};
      }

      @Override
      public Map<String, double[]> curves() {
        return Map.of("alpha", ALPHAS.clone(), "ecp", Tarp.ecp(f, ALPHAS));
      }
    };
  }
}
