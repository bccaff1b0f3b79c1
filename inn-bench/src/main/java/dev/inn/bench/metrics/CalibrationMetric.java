package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Calibration error (paper Sec. 4.2, Fig. 11): for q = 0.01 .. 0.99, the central q-interval
 * of each marginal posterior (quantiles (1-q)/2 and (1+q)/2); q_inliers = the fraction of
 * (test observation, parameter) pairs whose true value lies inside. {@code calibration_error}
 * = median over q of |q_inliers - q| as a fraction (x 100 for the paper's %). The signed curve
 * q_inliers - q (negative = overconfident) is kept for figures, and the median width of the
 * 68 % interval is reported per parameter ({@code interval_width_68_<name>}, original units).
 */
public final class CalibrationMetric implements Metric {

  /** The confidence levels 0.01, 0.02, ..., 0.99. */
  static final double[] LEVELS = IntStream.rangeClosed(1, 99).mapToDouble(i -> i / 100.0).toArray();
  private static final int LEVEL_68 = 67;

  @Override
  public String name() {
    return "calibration";
  }

  @Override
  public String description() {
    return "median over q of |q_inliers - q| for central marginal intervals (fraction), plus 68% interval widths";
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    List<String> columns = new ArrayList<>();
    columns.add("calibration_error");
    columns.addAll(ColumnNames.perParameter("interval_width_68_", problem));
    return columns;
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.size();
    int d = input.truth().cols();
    int levels = LEVELS.length;
    // inside[i][c * levels + l]: x*_c of observation i lies inside the level-l interval
    boolean[][] inside = new boolean[n][d * levels];
    double[][] width68 = new double[d][n];
    IntStream.range(0, n).parallel().forEach(i -> {
      Matrix samples = input.posteriors().get(i);
      for (int c = 0; c < d; c++) {
        float[] sorted = samples.column(c);
        java.util.Arrays.sort(sorted);
        float truth = input.truth().get(i, c);
        for (int l = 0; l < levels; l++) {
          double lo = Statistics.quantile(sorted, (1 - LEVELS[l]) / 2);
          double hi = Statistics.quantile(sorted, (1 + LEVELS[l]) / 2);
          inside[i][c * levels + l] = truth >= lo && truth <= hi;
          if (l == LEVEL_68) {
            width68[c][i] = hi - lo;
          }
        }
      }
    });
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double[] curve = signedCurve(indices);
        double[] abs = new double[levels];
        for (int l = 0; l < levels; l++) {
          abs[l] = Math.abs(curve[l]);
        }
        double[] out = new double[1 + d];
        out[0] = Statistics.median(abs);
        for (int c = 0; c < d; c++) {
          out[1 + c] = Statistics.median(width68[c], indices);
        }
        return out;
      }

      private double[] signedCurve(int[] indices) {
        double[] curve = new double[levels];
        for (int l = 0; l < levels; l++) {
          int hits = 0;
          for (int i : indices) {
            for (int c = 0; c < d; c++) {
              if (inside[i][c * levels + l]) {
                hits++;
              }
            }
          }
          curve[l] = hits / ((double) indices.length * d) - LEVELS[l];
        }
        return curve;
      }

      @Override
      public Map<String, double[]> curves() {
        return Map.of("q", LEVELS.clone(), "q_inliers_minus_q", signedCurve(Statistics.all(n)));
      }
    };
  }
}
