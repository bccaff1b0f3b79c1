package dev.inn.bench.metrics;

import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import dev.inn.api.metric.Availability;
import dev.inn.api.metric.Measurement;
import dev.inn.api.metric.Metric;
import dev.inn.api.metric.MetricInput;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.losses.mmd.Mmd;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Posterior mismatch: MMD^2 (biased V-statistic) between a method's samples and ground-truth posterior
 * samples (the exact posterior when the problem has one, else ABC), averaged over the test
 * observations that have ground truth ({@code posterior_mmd}). Fixed kernel: a sum of inverse
 * multiquadrics 1 / (1 + d / h^2) over the widths {@code widths}, d the squared distance in
 * standardised units (parameters divided by their prior standard deviation).
 */
public final class PosteriorMmdMetric implements Metric {

  @Override
  public String name() {
    return "posterior-mmd";
  }

  @Override
  public String description() {
    return "MMD^2 to ground-truth posterior samples (exact or ABC), fixed IMQ kernel in standardised units";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("widths", List.of(0.2, 0.5, 1.0, 2.0), "max_samples", 500L);
  }

  @Override
  public void validate(Settings settings) {
    double[] widths = settings.getDoubles("widths");
    if (widths.length == 0 || !Arrays.stream(widths).allMatch(w -> w > 0)) {
      throw new ConfigurationException("widths", "setting 'widths' of " + settings.owner()
          + " needs at least one width, each positive, got " + Arrays.toString(widths));
    }
    settings.getInt("max_samples", 2);
  }

  @Override
  public boolean needsReference() {
    return true;
  }

  @Override
  public List<String> columns(Problem problem, Settings settings) {
    return List.of("posterior_mmd");
  }

  @Override
  public Availability availability(Problem problem, Settings settings) {
    return Requirements.groundTruth(problem);
  }

  @Override
  public Measurement measure(MetricInput input, Settings settings) {
    int n = input.references().size();
    double[] widths = settings.getDoubles("widths");
    int max = settings.getInt("max_samples");
    Kernel kernel = imq(widths);
    float[] scale = input.parameterScale();
    double[] mmd = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> mmd[i] = Mmd.estimate(
        standardise(input.posteriors().get(i), scale, max), standardise(input.references().get(i), scale, max), kernel));
    return new MeasuredObservations(n) {
      @Override
      public double[] summarise(int[] indices) {
        return new double[] {Statistics.mean(mmd, indices)};
      }

      @Override
      public List<String> notes() {
        return List.of("posterior_mmd: MMD^2 (biased V-statistic) over " + n + " test observations, up to " + max
            + " samples per set, kernel sum_h 1/(1 + ||a-b||^2/h^2) with h in " + Arrays.toString(widths)
            + " in prior standard deviations");
      }
    };
  }

  /** Sum over widths h of 1 / (1 + d / h^2), d = squared distance. */
  static Kernel imq(double[] widths) {
    float[] inv = new float[widths.length];
    for (int i = 0; i < widths.length; i++) {
      inv[i] = (float) (1 / (widths[i] * widths[i]));
    }
    return new Kernel() {
      @Override
      public float apply(float d) {
        float s = 0;
        for (float a : inv) {
          s += 1 / (1 + d * a);
        }
        return s;
      }

      @Override
      public float derivative(float d, float fd) {
        float s = 0;
        for (float a : inv) {
          float k = 1 / (1 + d * a);
          s -= a * k * k;
        }
        return s;
      }
    };
  }

  /** The first {@code max} rows divided column-wise by {@code scale}. */
  private static Matrix standardise(Matrix m, float[] scale, int max) {
    int rows = Math.min(m.rows(), max);
    int d = m.cols();
    float[] out = new float[rows * d];
    for (int i = 0; i < rows * d; i++) {
      out[i] = m.data()[i] / scale[i % d];
    }
    return new Matrix(rows, d, out);
  }
}
