package dev.inn.bench.metrics;

import java.util.Arrays;

/** Order statistics and means of plain arrays, as the metrics aggregate them. */
public final class Statistics {

  private Statistics() {}

  /** The mean of the values at {@code indices} (NaN values are skipped; NaN when none is left). */
  public static double mean(double[] values, int[] indices) {
    double sum = 0;
    int n = 0;
    for (int i : indices) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The median of the values at {@code indices} (NaN values are skipped). */
  public static double median(double[] values, int[] indices) {
    double[] picked = Arrays.stream(indices).mapToDouble(i -> values[i]).filter(v -> !Double.isNaN(v)).toArray();
    return median(picked);
  }

  /** The median of {@code values} (sorted in place; NaN when empty). */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int m = values.length / 2;
    return values.length % 2 == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
  }

  /** The p-quantile of sorted values with linear interpolation between order statistics. */
  public static double quantile(float[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }

  /** The indices 0..n-1. */
  public static int[] all(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
