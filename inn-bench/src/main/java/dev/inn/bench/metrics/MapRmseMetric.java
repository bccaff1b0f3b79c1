package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.diagnostics.MeanShiftMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MAP error: RMSE over test observations between the mean-shift MAP estimate and the true x*,
 * sqrt(E ||x_hat - x*||^2), for the parameter subset named by {@code parameters} (all when
 * empty; column {@code map_rmse}) and for each parameter ({@code map_rmse_<name>}).
 */
public final class MapRmseMetric implements Metric {

  @Override
  public String name() {
    return "map-rmse";
  }

  @Override
  public String description() {
    return "RMSE of the mean-shift MAP estimate against the true x*, overall (subset) and per parameter";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("bandwidth", 0.1, "starts", 16L, "parameters", List.of());
  }

  @Override
  public void validate(Settings settings) {
    settings.getPositive("bandwidth");
    settings.getInt("starts", 1);
    settings.getStrings("parameters");
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    List<String> columns = new ArrayList<>();
    columns.add("map_rmse");
    columns.addAll(ColumnNames.perParameter("map_rmse_", problem));
    return columns;
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    for (String p : settings.getStrings("parameters")) {
      if (!problem.parameterNames().contains(p)) {
        return Availability.no("parameter '" + p + "' is not one of " + problem.parameterNames());
      }
    }
    return Availability.yes();
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    MeanShiftMap map = new MeanShiftMap(settings.getDouble("bandwidth"), settings.getInt("starts"));
    Matrix estimates = map.estimateAll(input.posteriors(), input.parameterScale(), input.seed());
    List<String> names = input.problem().parameterNames();
    boolean[] inSubset = subset(names, settings.getStrings("parameters"));
    int n = input.size();
    int d = names.size();
    double[][] squared = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        double diff = estimates.get(i, c) - input.truth().get(i, c);
        squared[c][i] = diff * diff;
      }
    }
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double[] out = new double[d + 1];
        double subsetTotal = 0;
        for (int c = 0; c < d; c++) {
          double sum = 0;
          for (int i : indices) {
            sum += squared[c][i];
          }
          out[c + 1] = Math.sqrt(sum / indices.length);
          if (inSubset[c]) {
            subsetTotal += sum;
          }
        }
        out[0] = Math.sqrt(subsetTotal / indices.length);
        return out;
      }

      @Override
      public List<String> notes() {
        return List.of("MAP by mean-shift, Gaussian kernel, bandwidth " + settings.getDouble("bandwidth")
            + " in prior standard deviations; map_rmse over " + subsetLabel(names, inSubset));
      }
    };
  }

  static boolean[] subset(List<String> names, List<String> wanted) {
    boolean[] in = new boolean[names.size()];
    for (String w : wanted) {
      int i = names.indexOf(w);
      if (i < 0) {
        throw new ConfigurationException("parameter '" + w + "' is not one of " + names);
      }
      in[i] = true;
    }
    if (wanted.isEmpty()) {
      java.util.Arrays.fill(in, true);
    }
    return in;
  }

  private static String subsetLabel(List<String> names, boolean[] in) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        picked.add(names.get(i));
      }
    }
    return picked.size() == names.size() ? "all parameters" : String.join(", ", picked);
  }
}
