package dev.inn.bench.harness;

import dev.inn.api.metric.Measurement;
import dev.inn.bench.metrics.Statistics;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Bootstrap resampling of test observations: a metric's value and its standard error. */
final class Bootstrap {

  record Estimate(double[] values, double[] standardErrors) {}

  private Bootstrap() {}

  static Estimate estimate(Measurement m, int resamples, long seed) {
    int n = m.observationCount();
    double[] values = m.summarise(Statistics.all(n));
    double[] se = new double[values.length];
    if (resamples < 2 || n < 2) {
      Arrays.fill(se, Double.NaN);
      return new Estimate(values, se);
    }
    double[] sum = new double[values.length];
    double[] sumSq = new double[values.length];
    int[] counts = new int[values.length];
    SplittableRandom r = new SplittableRandom(seed);
    int[] idx = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = r.nextInt(n);
      }
      double[] v = m.summarise(idx);
      for (int c = 0; c < v.length; c++) {
        if (!Double.isNaN(v[c])) {
          sum[c] += v[c];
          sumSq[c] += v[c] * v[c];
          counts[c]++;
        }
      }
    }
    for (int c = 0; c < se.length; c++) {
      double mean = sum[c] / counts[c];
      se[c] = counts[c] < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq[c] - counts[c] * mean * mean) / (counts[c] - 1)));
    }
    return new Estimate(values, se);
  }
}
