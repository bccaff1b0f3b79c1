package dev.inn.bench.metrics;

import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Whole-posterior re-simulation error (paper Table 2): for each test observation the mean of
 * ||s(x_i) - y*|| over all its posterior samples; reported as the mean ({@code resim_mean})
 * and median ({@code resim_median}) over test observations. Invalid simulations are excluded
 * from the per-observation mean and reported as {@code resim_invalid} (a fraction of all
 * simulated samples).
 */
public final class PosteriorResimMetric implements Metric {

  @Override
  public String name() {
    return "posterior-resim";
  }

  @Override
  public String description() {
    return "mean over posterior samples of ||s(x) - y*||; mean and median over test observations";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("observations", 1000L);
  }

  @Override
  public void validate(Settings settings) {
    settings.getInt("observations", 0);
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("resim_mean", "resim_median", "resim_invalid");
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    return Requirements.simulator(problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = MapResimMetric.limit(input.size(), settings.getInt("observations"));
    double[] perObservation = new double[n];
    double[] invalidFraction = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      Resimulation r = Resimulation.of(input.problem(), input.posteriors().get(i), input.observations().rows(i, i + 1));
      perObservation[i] = r.meanValid();
      invalidFraction[i] = r.invalid() / (double) r.distances().length;
    });
    long noneValid = IntStream.range(0, n).filter(i -> Double.isNaN(perObservation[i])).count();
    double invalidTotal = Statistics.mean(invalidFraction, Statistics.all(n));
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        return new double[] {Statistics.mean(perObservation, indices), Statistics.median(perObservation, indices),
            Statistics.mean(invalidFraction, indices)};
      }

      @Override
      public List<String> notes() {
        String s = String.format("posterior re-simulation over the first %d test observations; %.4f%% of the"
            + " simulated posterior samples were invalid (excluded, see resim_invalid)", n, 100 * invalidTotal);
        if (noneValid > 0) {
          s += "; " + noneValid + " observations had no valid sample and are left out of resim_mean/median";
        }
        return List.of(s);
      }
    };
  }
}
