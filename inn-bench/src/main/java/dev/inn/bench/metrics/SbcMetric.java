package dev.inn.bench.metrics;

import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulation-based calibration (Talts et al. 2018): the rank of the true x*_j among the first
 * L posterior samples, over the test observations (prior draws). Calibrated posteriors give
 * uniform ranks; the chi-square test of uniformity over {@code bins} bins gives
 * {@code sbc_pvalue_<name>} per parameter (small = miscalibrated). Rank histograms are kept
 * as curves.
 */
public final class SbcMetric implements Metric {

  @Override
  public String name() {
    return "sbc";
  }

  @Override
  public String description() {
    return "simulation-based calibration: chi-square p-value of the rank histogram of x* per parameter";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("rank_samples", 99L, "bins", 10L);
  }

  @Override
  public void validate(Settings settings) {
    settings.getInt("rank_samples", 1);
    settings.getInt("bins", 1);
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return ColumnNames.perParameter("sbc_pvalue_", problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.size();
    int d = input.truth().cols();
    int bins = settings.getInt("bins");
    // ranks[c][i] in 0..L, mapped to a bin
    int[][] bin = new int[d][n];
    int minL = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int l = Math.min(settings.getInt("rank_samples"), input.posteriors().get(i).rows());
      minL = Math.min(minL, l);
      for (int c = 0; c < d; c++) {
        float truth = input.truth().get(i, c);
        int rank = 0;
        for (int s = 0; s < l; s++) {
          if (input.posteriors().get(i).get(s, c) < truth) {
            rank++;
          }
        }
        bin[c][i] = (int) ((long) rank * bins / (l + 1));
      }
    }
    int samplesUsed = minL;
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double[] out = new double[d];
        for (int c = 0; c < d; c++) {
          out[c] = ChiSquare.uniformityPValue(histogram(c, indices));
        }
        return out;
      }

      private long[] histogram(int c, int[] indices) {
        long[] h = new long[bins];
        for (int i : indices) {
          h[bin[c][i]]++;
        }
        return h;
      }

      @Override
      public Map<String, double[]> curves() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < d; c++) {
          long[] h = histogram(c, Statistics.all(n));
          double[] v = new double[bins];
          for (int b = 0; b < bins; b++) {
            v[b] = h[b];
          }
          out.put("ranks_" + ColumnNames.of(input.problem().parameterNames().get(c)), v);
        }
        return out;
      }

      @Override
      public List<String> notes() {
        return List.of("sbc: ranks of x* among " + samplesUsed + " posterior samples, " + bins
            + " bins, chi-square p-value of uniformity per parameter over " + n + " test observations");
      }
    };
  }
}
