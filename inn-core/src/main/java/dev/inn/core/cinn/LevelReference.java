package dev.inn.core.cinn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Where an observation's level and spread lie in the joint distribution of those of the
 * training simulations: per channel of the compared elements (see {@link ElementReference}) the
 * mean in units of the deviation and the log deviation, beside the log number of elements, each
 * coordinate in units of its spread over the simulations; the statistic is the mean distance to
 * the {@value SummaryReference#NEIGHBOURS} nearest simulations (a k-nearest-neighbour density:
 * large where simulations are rare), and its null distribution is each simulation's own distance
 * to the others, leaving itself out.
 *
 * <p>Why beside the learned summary: the summary of data the simulator never produces (values
 * shifted ten deviations from the prior's reach) is an extrapolation of the network and may land
 * near the edge of the simulations' summaries, where held-out simulations also lie. The level in
 * units of the spread is where such a shift shows, and it needs no network, so every training
 * simulation (not only the held-out ones) serves as reference: with 10^4 of them the p-value
 * resolves 10^-4, and an observation a little beyond the edge is told from one at the edge.
 */
final class LevelReference {

  /** Simulations kept as reference and calibration (at most). */
  static final int SIZE = 10_000;

  private final int features;
  // each simulation's features in units of their spread
  private final StandardizedRows reference;
  // the simulations' distances to the others, ascending
  private final double[] calibration;

  private LevelReference(StandardizedRows reference, double[] calibration) {
    this.features = reference.width();
    this.reference = reference;
    this.calibration = calibration;
  }

  /**
   * From the features ({@link #features(float[], int, boolean)}) of simulations, row-major;
   * returns the reference and, in {@code ownStatistic}, each simulation's statistic leaving itself out.
   */
  static LevelReference of(float[] rows, int features, double[] ownStatistic) {
    int n = rows.length / features;
    StandardizedRows reference = StandardizedRows.of(rows, features, n);
    for (int i = 0; i < n; i++) {
      ownStatistic[i] = reference.meanNearest(Arrays.copyOfRange(reference.rows(), i * features, (i + 1) * features),
          i, null);
    }
    double[] sorted = ownStatistic.clone();
    Arrays.sort(sorted);
    return new LevelReference(reference, sorted);
  }

  /**
   * The features of one observation's compared elements ({@code d} values each, one after the
   * other): per channel the mean over the deviation and the log deviation, then the log count.
   */
  static float[] features(float[] compared, int d) {
    int n = compared.length / d;
    float[] out = new float[2 * d + 1];
    for (int c = 0; c < d; c++) {
      double s = 0;
      double s2 = 0;
      for (int k = 0; k < n; k++) {
        s += compared[k * d + c];
        s2 += (double) compared[k * d + c] * compared[k * d + c];
      }
      double m = s / n;
      double sd = Math.sqrt(Math.max(s2 / n - m * m, 0));
      // a constant channel has no spread to measure the level in: its level alone
      double unit = sd > 1e-6 ? sd : 1;
      out[2 * c] = (float) (m / unit);
      out[2 * c + 1] = (float) Math.log(unit);
    }
    out[2 * d] = (float) Math.log(n);
    return out;
  }

  /** Values per feature row: two per compared channel and the count. */
  static int featureCount(int d) {
    return 2 * d + 1;
  }

  /** Features per row. */
  int featureCount() {
    return features;
  }

  /** The statistic of an observation's features. */
  double statistic(float[] observationFeatures) {
    return reference.meanNearest(reference.standardize(observationFeatures), -1, null);
  }

  /** The ascending leave-one-out statistics of the simulations. */
  double[] calibration() {
    return calibration;
  }

  /**
   * The features of the padded rows {@code order[0..]} (at most {@link #SIZE}) of standardised
   * elements, row-major.
   */
  static float[] featureRows(float[] padded, int paddedWidth, int[] lengths, int d, boolean sequence, int[] order) {
    int rows = Math.min(order.length, SIZE);
    int compared = sequence ? 2 * d : d;
    int count = featureCount(compared);
    float[] out = new float[rows * count];
    for (int i = 0; i < rows; i++) {
      int r = order[i];
      float[] elements = ElementReference.compared(Arrays.copyOfRange(padded, r * paddedWidth, r * paddedWidth
          + lengths[r] * d), d, sequence);
      System.arraycopy(features(elements, compared), 0, out, i * count, count);
    }
    return out;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(features);
    out.writeInt(reference.count());
    reference.write(out);
    StandardizedRows.writeDoubles(out, calibration);
  }

  static LevelReference read(DataInput in, int expectedFeatures) throws IOException {
    int features = in.readInt();
    int rows = in.readInt();
    if (features != expectedFeatures || rows <= SummaryReference.NEIGHBOURS || rows > SIZE) {
      throw new IOException("cinn: the model file's level reference has " + rows + " simulations of " + features
          + " features, expected " + expectedFeatures);
    }
    StandardizedRows reference = StandardizedRows.read(in, features, rows);
    return new LevelReference(reference, StandardizedRows.readDoubles(in, rows));
  }
}
