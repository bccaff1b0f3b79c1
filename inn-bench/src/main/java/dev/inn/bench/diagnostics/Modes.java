package dev.inn.bench.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The modes of a posterior, found by mean-shift with a Gaussian kernel on its samples in
 * standardised units (each parameter divided by its sample standard deviation): hill-climbing
 * from many samples, merging end points closer than the bandwidth, and keeping the modes whose
 * basin holds at least a minimum share of the starts.
 */
public final class Modes {

  private static final int MAX_ITERATIONS = 300;

  private Modes() {}

  /**
   * One mode.
   *
   * @param centre its position in the units of x
   * @param mass the share of starting samples that climbed to it (its basin's probability)
   */
  public record Mode(float[] centre, double mass) {}

  /**
   * A bandwidth for n samples in d dimensions (Scott's rule in standardised units,
   * n^(-1/(d+4))): wide enough that sampling noise makes no modes, narrow enough to separate
   * clusters a few standard deviations apart.
   */
  public static double defaultBandwidth(int n, int d) {
    return Math.pow(n, -1.0 / (d + 4));
  }

  /**
   * The modes from 300 starts with a minimum mass of 2 %, at the smallest bandwidth from
   * {@link #defaultBandwidth} up (in steps of 1.25) at which the modes found hold at least 80 %
   * of the starts. In many dimensions a small kernel has a local maximum at nearly every sample;
   * widening it until the basins are substantial removes those without merging separated modes.
   */
  public static List<Mode> find(Matrix samples, long seed) {
    int n = Math.min(samples.rows(), 2000);
    double h = defaultBandwidth(n, samples.cols());
    while (true) {
      List<Mode> modes = find(samples, h, 300, 0.02, seed);
      double held = modes.stream().mapToDouble(Mode::mass).sum();
      if (held >= 0.8 || h > 4) {
        return modes;
      }
      h *= 1.25;
    }
  }

  /** The modes, heaviest first, reproducible for a seed. */
  public static List<Mode> find(Matrix samples, double bandwidth, int starts, double minMass, long seed) {
    if (samples.rows() < 2 || !(bandwidth > 0) || starts < 1) {
      throw new IllegalArgumentException("mode finding needs at least 2 samples, bandwidth > 0 and starts >= 1, got "
          + samples.rows() + ", " + bandwidth + ", " + starts);
    }
    int d = samples.cols();
    SplittableRandom random = new SplittableRandom(seed);
    // at most 2000 kernel centres keep a climb cheap; a random subset keeps the shape
    Matrix kernel = samples.rows() <= 2000 ? samples : samples.selectRows(random.ints(2000, 0, samples.rows()).toArray());
    int n = kernel.rows();
    double[] sd = new double[d];
    double[][] cov = Correlation.covariance(kernel);
    for (int c = 0; c < d; c++) {
      sd[c] = Math.sqrt(cov[c][c]) > 0 ? Math.sqrt(cov[c][c]) : 1;
    }
    double[] z = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        z[i * d + c] = kernel.get(i, c) / sd[c];
      }
    }
    int k = Math.min(starts, n);
    int[] startRows = k == n ? IntStream.range(0, n).toArray() : random.ints(k, 0, n).toArray();
    double[][] ends = new double[k][];
    IntStream.range(0, k).parallel().forEach(s -> {
      double[] m = new double[d];
      System.arraycopy(z, startRows[s] * d, m, 0, d);
      ends[s] = climb(z, n, d, m, bandwidth);
    });
    List<double[]> centres = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (double[] e : ends) {
      int found = -1;
      for (int m = 0; m < centres.size() && found < 0; m++) {
        double dist = 0;
        for (int c = 0; c < d; c++) {
          dist += (centres.get(m)[c] - e[c]) * (centres.get(m)[c] - e[c]);
        }
        if (dist < bandwidth * bandwidth) {
          found = m;
        }
      }
      if (found < 0) {
        centres.add(e);
        counts.add(1);
      } else {
        counts.set(found, counts.get(found) + 1);
      }
    }
    List<Mode> out = new ArrayList<>();
    for (int m = 0; m < centres.size(); m++) {
      double mass = counts.get(m) / (double) k;
      if (mass >= minMass) {
        float[] centre = new float[d];
        for (int c = 0; c < d; c++) {
          centre[c] = (float) (centres.get(m)[c] * sd[c]);
        }
        out.add(new Mode(centre, mass));
      }
    }
    out.sort(Comparator.comparingDouble(Mode::mass).reversed());
    return out;
  }

  /** Mean-shift from {@code start} over the n points in {@code z} (row-major, d wide) to a mode. */
  private static double[] climb(double[] z, int n, int d, double[] start, double bandwidth) {
    double inv2h2 = 1 / (2 * bandwidth * bandwidth);
    double[] m = start;
    double[] dist = new double[n];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          double diff = z[i * d + c] - m[c];
          s += diff * diff;
        }
        dist[i] = s;
        min = Math.min(min, s);
      }
      double total = 0;
      double[] next = new double[d];
      for (int i = 0; i < n; i++) {
        // relative to the nearest point, so a start far out does not underflow to 0 / 0
        double w = Math.exp(-(dist[i] - min) * inv2h2);
        total += w;
        for (int c = 0; c < d; c++) {
          next[c] += w * z[i * d + c];
        }
      }
      double shift = 0;
      for (int c = 0; c < d; c++) {
        next[c] /= total;
        shift += (next[c] - m[c]) * (next[c] - m[c]);
      }
      m = next;
      if (shift < 1e-10 * bandwidth * bandwidth) {
        break;
      }
    }
    return m;
  }
}
