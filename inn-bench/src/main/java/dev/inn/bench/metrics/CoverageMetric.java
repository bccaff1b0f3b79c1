package dev.inn.bench.metrics;

import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.diagnostics.Coverage;
import dev.inn.diagnostics.Sbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected coverage ({@link Coverage}): the fraction of true values inside the joint 50 % and
 * 90 % credible regions (the samples' Mahalanobis ellipsoids), {@code coverage_50} and
 * {@code coverage_90}; calibrated = 0.5 and 0.9, higher = too wide, lower = overconfident. The
 * coverage curves per parameter (central intervals) and joint are kept for figures.
 */
public final class CoverageMetric implements Metric {

  private static final double[] ALPHAS = Coverage.levels(100);

  @Override
  public String name() {
    return "coverage";
  }

  @Override
  public String description() {
    return "expected coverage of the joint 50 % and 90 % credible regions (calibrated: 0.5 and 0.9)";
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("coverage_50", "coverage_90");
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.size();
    double[] joint = Coverage.jointLevels(input.truth(), input.posteriors());
    double[][] u = Sbc.rankFractions(input.truth(), input.posteriors());
    List<String> names = input.problem().parameterNames();
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        double[] picked = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
          picked[k] = joint[indices[k]];
        }
        return Coverage.curve(picked, new double[] {0.5, 0.9});
      }

      @Override
      public Map<String, double[]> curves() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("alpha", ALPHAS.clone());
        for (int c = 0; c < names.size(); c++) {
          out.put(names.get(c), Coverage.curve(Coverage.centralLevels(u[c]), ALPHAS));
        }
        out.put("joint", Coverage.curve(joint, ALPHAS));
        return out;
      }

      @Override
      public List<String> notes() {
        return List.of("coverage: joint credible regions are the posterior samples' Mahalanobis ellipsoids,"
            + " per-parameter ones central intervals, over " + n + " test observations");
      }
    };
  }
}
