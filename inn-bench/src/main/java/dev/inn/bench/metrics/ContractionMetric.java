package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.diagnostics.Recovery;
import java.util.List;

/**
 * Posterior contraction per parameter, 1 - Var_post / Var_prior, averaged over test
 * observations ({@code contraction_<name>}). Near 0 flags a parameter the observation does
 * not inform (paper Fig. 4: posterior equals prior); near 1 a well determined one.
 */
public final class ContractionMetric implements Metric {

  @Override
  public String name() {
    return "contraction";
  }

  @Override
  public String description() {
    return "posterior contraction 1 - Var_post/Var_prior per parameter, mean over test observations";
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return ColumnNames.perParameter("contraction_", problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.size();
    int d = input.truth().cols();
    float[] scale = input.parameterScale();
    double[][] contraction = new double[d][n];
    for (int i = 0; i < n; i++) {
      Matrix s = input.posteriors().get(i);
      for (int c = 0; c < d; c++) {
        contraction[c][i] = Recovery.contraction(s.column(c), (double) scale[c] * scale[c]);
      }
    }
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double[] out = new double[d];
        for (int c = 0; c < d; c++) {
          out[c] = Statistics.mean(contraction[c], indices);
        }
        return out;
      }
    };
  }
}
