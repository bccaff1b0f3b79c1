package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The modes of a posterior, found by mean-shift with a Gaussian kernel on its samples in
 * standardised units (each parameter divided by its sample standard deviation): hill-climbing
 * from many samples, merging end points closer than the bandwidth and modes with no valley
 * between them, and keeping the modes whose basin holds at least a minimum share of the starts.
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
    mergeWithoutValley(centres, counts, z, n, d, bandwidth);
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

  /**
   * For every sample, the index of the nearest mode in units of the samples' standard
   * deviations: a cheap stand-in for the mean-shift basins, to look at one mode's samples.
   */
  public static int[] assign(Matrix samples, List<Mode> modes) {
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("no modes to assign samples to");
    }
    int d = samples.cols();
    double[][] cov = Correlation.covariance(samples);
    int[] out = new int[samples.rows()];
    for (int i = 0; i < samples.rows(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int m = 0; m < modes.size(); m++) {
        double dist = 0;
        for (int c = 0; c < d; c++) {
          double diff = samples.get(i, c) - modes.get(m).centre()[c];
          dist += diff * diff / (cov[c][c] > 0 ? cov[c][c] : 1);
        }
        if (dist < best) {
          best = dist;
          out[i] = m;
        }
      }
    }
    return out;
  }

  /**
   * Merges modes that are one hill: where the kernel density along the segment between two
   * modes never drops below 80 % of the lower peak, sampling noise has split a flat top. The
   * heavier mode keeps its centre and takes the other's starts.
   */
  private static void mergeWithoutValley(List<double[]> centres, List<Integer> counts, double[] z, int n, int d,
      double bandwidth) {
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int a = 0; a < centres.size() && !merged; a++) {
        for (int b = a + 1; b < centres.size() && !merged; b++) {
          double[] ca = centres.get(a);
          double[] cb = centres.get(b);
          double floor = 0.8 * Math.min(density(z, n, d, ca, bandwidth), density(z, n, d, cb, bandwidth));
          boolean valley = false;
          for (int k = 1; k < 10 && !valley; k++) {
            double t = k / 10.0;
            double[] p = new double[d];
            for (int c = 0; c < d; c++) {
              p[c] = ca[c] + t * (cb[c] - ca[c]);
            }
            valley = density(z, n, d, p, bandwidth) < floor;
          }
          if (!valley) {
            int keep = counts.get(a) >= counts.get(b) ? a : b;
            int drop = keep == a ? b : a;
            counts.set(keep, counts.get(a) + counts.get(b));
            centres.remove(drop);
            counts.remove(drop);
            merged = true;
          }
        }
      }
    }
  }

  /** The (unnormalised) Gaussian kernel density of the points at {@code p}. */
  private static double density(double[] z, int n, int d, double[] p, double bandwidth) {
    double inv2h2 = 1 / (2 * bandwidth * bandwidth);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        double diff = z[i * d + c] - p[c];
        s += diff * diff;
      }
      sum += Math.exp(-s * inv2h2);
    }
    return sum;
  }

  /** Mean-shift from {@code start} over the n points in {@code z} (row-major, d wide) to a mode. */
  private static double[] climb(double[] z, int n, int d, double[] start, double bandwidth) {
    return MeanShift.climb(z, n, d, start, bandwidth, MAX_ITERATIONS, 1e-10).mode();
  }
}
