package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The MAP estimate of a sample set: its highest mode, found by mean-shift with a Gaussian
 * kernel in standardised units (each parameter divided by its prior standard deviation), not
 * the sample mean. Mean-shift runs from {@code starts} samples chosen at random; the converged
 * point with the highest kernel density wins. Shared by the MAP metrics.
 *
 * @param bandwidth kernel standard deviation in standardised units (paper: 0.1)
 * @param starts how many samples to start mean-shift from
 */
public record MeanShiftMap(double bandwidth, int starts) {

  private static final int MAX_ITERATIONS = 200;

  public MeanShiftMap {
    if (!(bandwidth > 0) || starts < 1) {
      throw new IllegalArgumentException("mean-shift needs bandwidth > 0 and starts >= 1, got " + bandwidth + ", " + starts);
    }
  }

  /** The MAP estimate of every posterior (one row each), in parallel; reproducible for a seed. */
  public Matrix estimateAll(List<Matrix> posteriors, float[] scale, long seed) {
    int d = scale.length;
    float[] out = new float[posteriors.size() * d];
    IntStream.range(0, posteriors.size()).parallel().forEach(i -> {
      float[] m = estimate(posteriors.get(i), scale, seed * 31 + i);
      System.arraycopy(m, 0, out, i * d, d);
    });
    return new Matrix(posteriors.size(), d, out);
  }

  /** The highest mode of the rows of {@code samples}, in the original units. */
  public float[] estimate(Matrix samples, float[] scale, long seed) {
    int n = samples.rows();
    int d = samples.cols();
    if (n == 0) {
      throw new IllegalArgumentException("cannot find the mode of an empty sample set");
    }
    // standardise once so the kernel is isotropic
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        z[i * d + c] = samples.data()[i * d + c] / scale[c]; // a float quotient, as before
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    int k = Math.min(starts, n);
    double bestDensity = Double.NEGATIVE_INFINITY;
    double[] best = null;
    for (int s = 0; s < k; s++) {
      int start = k == n ? s : random.nextInt(n);
      double[] m = new double[d];
      for (int c = 0; c < d; c++) {
        m[c] = z[start * d + c];
      }
      MeanShift.Climb climb = MeanShift.climb(z, n, d, m, bandwidth, MAX_ITERATIONS, 1e-8);
      double logDensity = climb.logDensity();
      m = climb.mode();
      if (logDensity > bestDensity) {
        bestDensity = logDensity;
        best = m;
      }
    }
    float[] out = new float[d];
    for (int c = 0; c < d; c++) {
      out[c] = (float) (best[c] * scale[c]);
    }
    return out;
  }
}
