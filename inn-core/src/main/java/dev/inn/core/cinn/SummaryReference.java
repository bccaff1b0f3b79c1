package dev.inn.core.cinn;

import dev.inn.api.method.MisspecificationCheck.Misfit;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The learned summaries h(y) of held-out simulations, kept with a model to tell whether an
 * observation looks like a simulation. The statistic is the mean Euclidean distance to the
 * {@value #NEIGHBOURS} nearest reference summaries, each summary coordinate divided by its
 * spread over the reference; its null distribution comes from the held-out simulations
 * themselves (each one's distance to all the others, leaving itself out), so the p-value needs
 * no assumption about the summary space and every held-out simulation serves twice. A k-nearest-neighbour distance rather than an MMD because it is
 * defined for one observation and costs one pass over the reference.
 */
final class SummaryReference {

  /** Neighbours averaged in the statistic. */
  static final int NEIGHBOURS = 5;

  /** Held-out summaries kept (at most): the reference and, left out one at a time, the calibration. */
  static final int SIZE = 1000;

  private final int width;
  private final float[] reference;
  private final float[] mean;
  private final float[] spread;
  // calibration distances, ascending
  private final double[] calibration;

  private SummaryReference(int width, float[] reference, float[] mean, float[] spread, double[] calibration) {
    this.width = width;
    this.reference = reference;
    this.mean = mean;
    this.spread = spread;
    this.calibration = calibration;
  }

  /**
   * From the summaries of held-out simulations (row-major, {@code width} columns; the first
   * {@link #SIZE} are used): the reference, and each one's leave-one-out distance to the others
   * calibrates the p-value.
   */
  static SummaryReference of(float[] summaries, int width) {
    int rows = summaries.length / width;
    if (rows < 2 * NEIGHBOURS + 2) {
      throw new IllegalArgumentException("the misspecification check needs at least " + (2 * NEIGHBOURS + 2)
          + " held-out simulations, got " + rows);
    }
    int refRows = Math.min(SIZE, rows);
    int calRows = refRows;
    float[] mean = new float[width];
    float[] spread = new float[width];
    for (int c = 0; c < width; c++) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < refRows; i++) {
        double v = summaries[i * width + c];
        s += v;
        s2 += v * v;
      }
      double m = s / refRows;
      double sd = Math.sqrt(Math.max(s2 / refRows - m * m, 0));
      mean[c] = (float) m;
      spread[c] = sd > 1e-6 ? (float) sd : 1f;
    }
    float[] reference = new float[refRows * width];
    for (int i = 0; i < refRows * width; i++) {
      reference[i] = (summaries[i] - mean[i % width]) / spread[i % width];
    }
    SummaryReference r = new SummaryReference(width, reference, mean, spread, new double[0]);
    double[] calibration = new double[calRows];
    for (int i = 0; i < calRows; i++) {
      calibration[i] = r.distance(Arrays.copyOfRange(summaries, i * width, (i + 1) * width), i);
    }
    Arrays.sort(calibration);
    return new SummaryReference(width, reference, mean, spread, calibration);
  }

  /** The mean distance of summary {@code h} to its nearest reference summaries. */
  double distance(float[] h) {
    return distance(h, -1);
  }

  /** As {@link #distance(float[])}, leaving reference row {@code skip} out (-1: none). */
  private double distance(float[] h, int skip) {
    if (h.length != width) {
      throw new IllegalArgumentException("a summary of " + h.length + " values against a reference of " + width);
    }
    float[] z = new float[width];
    for (int c = 0; c < width; c++) {
      z[c] = (h[c] - mean[c]) / spread[c];
    }
    int rows = reference.length / width;
    double[] nearest = new double[NEIGHBOURS];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < rows; i++) {
      if (i == skip) {
        continue;
      }
      double d2 = 0;
      for (int c = 0; c < width; c++) {
        double d = z[c] - reference[i * width + c];
        d2 += d * d;
      }
      // keep the k smallest, the largest of them last
      if (d2 < nearest[NEIGHBOURS - 1]) {
        int k = NEIGHBOURS - 1;
        while (k > 0 && nearest[k - 1] > d2) {
          nearest[k] = nearest[k - 1];
          k--;
        }
        nearest[k] = d2;
      }
    }
    double sum = 0;
    for (double d2 : nearest) {
      sum += Math.sqrt(d2);
    }
    return sum / NEIGHBOURS;
  }

  /** The distance of summary {@code h} and its p-value against the calibration simulations. */
  Misfit misfit(float[] h) {
    double d = distance(h);
    // calibration distances at least d: those from the first index not below d
    int lo = 0;
    int hi = calibration.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (calibration[mid] < d) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int atLeast = calibration.length - lo;
    return new Misfit(d, (1.0 + atLeast) / (1.0 + calibration.length), calibration.length);
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(width);
    out.writeInt(reference.length / width);
    out.writeInt(calibration.length);
    for (int c = 0; c < width; c++) {
      out.writeFloat(mean[c]);
      out.writeFloat(spread[c]);
    }
    for (float v : reference) {
      out.writeFloat(v);
    }
    for (double v : calibration) {
      out.writeDouble(v);
    }
  }

  static SummaryReference read(DataInput in) throws IOException {
    int width = in.readInt();
    int rows = in.readInt();
    int cal = in.readInt();
    if (width < 1 || width > 1 << 16 || rows <= NEIGHBOURS || rows > SIZE || cal < 1 || cal > SIZE) {
      throw new IOException("cinn: the model file's summary reference has " + rows + " x " + width + " summaries and "
          + cal + " calibration distances");
    }
    float[] mean = new float[width];
    float[] spread = new float[width];
    for (int c = 0; c < width; c++) {
      mean[c] = in.readFloat();
      spread[c] = in.readFloat();
    }
    float[] reference = new float[rows * width];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = in.readFloat();
    }
    double[] calibration = new double[cal];
    for (int i = 0; i < cal; i++) {
      calibration[i] = in.readDouble();
    }
    return new SummaryReference(width, reference, mean, spread, calibration);
  }
}
