package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.problem.ModeStructure;
import java.util.List;

/**
 * The paper's reading of Fig. 2 as numbers, for the 8-modes mixture: the share of samples
 * within 3 sigma of a component carrying the observed label ({@code on_label_share}), and how
 * far the split of those samples over the label's components is from the true equal split
 * ({@code mode_share_error}: the largest absolute difference, as a fraction).
 */
public final class ModeSharesMetric implements Metric {

  @Override
  public String name() {
    return "mode-shares";
  }

  @Override
  public String description() {
    return "share of samples on the modes that carry the observation, and error of the split between them"
        + " (problems that declare their modes, e.g. gaussian-mixture-8)";
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    return problem.modes().isPresent() ? Availability.yes()
        : Availability.no("defined for problems that declare their posterior modes (e.g. gaussian-mixture-8)");
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("on_label_share", "mode_share_error");
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    ModeStructure modes = input.problem().modes().orElseThrow();
    double[][] centres = modes.centres();
    double r2 = modes.radius() * modes.radius();
    int n = input.size();
    double[] onLabel = new double[n];
    double[] splitError = new double[n];
    for (int i = 0; i < n; i++) {
      int[] carrying = modes.modesFor(input.observations().row(i));
      Matrix s = input.posteriors().get(i);
      double[] counts = new double[carrying.length];
      for (int r = 0; r < s.rows(); r++) {
        for (int k = 0; k < carrying.length; k++) {
          double d2 = 0;
          for (int c = 0; c < centres[carrying[k]].length; c++) {
            double d = s.get(r, c) - centres[carrying[k]][c];
            d2 += d * d;
          }
          if (d2 <= r2) {
            counts[k]++;
            break;
          }
        }
      }
      double on = 0;
      for (double c : counts) {
        on += c;
      }
      onLabel[i] = on / s.rows();
      double worst = 0;
      for (double c : counts) {
        worst = Math.max(worst, Math.abs((on > 0 ? c / on : 0) - 1.0 / carrying.length));
      }
      splitError[i] = worst;
    }
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        return new double[] {Statistics.mean(onLabel, indices), Statistics.mean(splitError, indices)};
      }
    };
  }
}
