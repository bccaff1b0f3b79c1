package dev.inn.core.cinn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The elements (a set's rows, a sequence's steps) of the held-out simulations whose summaries a
 * {@link SummaryReference} keeps, for the second half of the misspecification check: do an
 * observation's elements look like the elements of the simulations whose summaries lie nearest
 * to its own?
 *
 * <p>Why: a summary network trained for the posterior keeps what tells the parameters apart and
 * may drop the rest. A set of normal values with a fifth of them replaced by wide outliers has
 * the mean and spread of some clean set, and a summary that is (close to) sufficient for the
 * normal model maps it among the simulations. The simulations nearest in summary space have
 * about the parameters the data suggest; their elements show how elements look under those
 * parameters. Two statistics compare them: {@link #moments} (mean and spread per channel) and
 * {@link #shape}, an energy distance (the MMD of the distance kernel) between the observation's
 * elements and the pooled elements of those neighbours, each set or sequence in its own standard
 * units (per channel), scaled by n m / (n + m) so that under the model it has about the same spread for every set size
 * or length. Own standard units make it a comparison of shape (tails, skew, modes): location
 * and scale are the summary distance's part, and neighbours whose parameters differ a little
 * from the data's do not blur the comparison. Elements are compared as exchangeable values, so
 * for a sequence this looks at the distribution of its values (outliers, a different noise
 * shape), the summary distance at its dynamics and level.
 */
final class ElementReference {

  /** Elements kept per held-out simulation and used per observation (a stride through longer ones). */
  static final int MAX_ELEMENTS = 200;

  /** Pooled neighbour elements compared with an observation (a stride through more). */
  static final int POOL = 200;

  // values per compared element: d for a set's rows, 2 d for a sequence's steps (value, increment)
  private final int dy;
  private final boolean sequence;
  // element values of held-out simulation i: values[offsets[i] * dy .. offsets[i + 1] * dy)
  private final int[] offsets;
  private final float[] values;

  // each held-out simulation's per-channel mean and deviation of its kept elements
  private final double[] means;
  private final double[] deviations;
  private final double[] logKurtosis;

  private ElementReference(int dy, boolean sequence, int[] offsets, float[] values) {
    this.dy = dy;
    this.sequence = sequence;
    this.offsets = offsets;
    this.values = values;
    int rows = offsets.length - 1;
    means = new double[rows * dy];
    deviations = new double[rows * dy];
    logKurtosis = new double[rows * dy];
    double[] centre = new double[dy];
    double[] scale = new double[dy];
    for (int i = 0; i < rows; i++) {
      standardUnits(values, offsets[i], offsets[i + 1], centre, scale);
      for (int c = 0; c < dy; c++) {
        means[i * dy + c] = centre[c];
        deviations[i * dy + c] = 1 / scale[c];
        logKurtosis[i * dy + c] = logKurtosis(values, offsets[i], offsets[i + 1], c, centre[c], scale[c]);
      }
    }
  }

  /**
   * From padded rows of standardised elements ({@code width} values a row, {@code lengths[i]}
   * elements of {@code d} values in row i): at most {@link #MAX_ELEMENTS} compared elements per
   * row are kept. A sequence's steps are compared with their increments.
   */
  static ElementReference of(float[] padded, int width, int[] lengths, int d, boolean sequence) {
    int rows = lengths.length;
    int compared = sequence ? 2 * d : d;
    float[][] kept = new float[rows][];
    int[] offsets = new int[rows + 1];
    for (int i = 0; i < rows; i++) {
      float[] all = compared(java.util.Arrays.copyOfRange(padded, i * width, i * width + lengths[i] * d), d, sequence);
      int[] index = stride(all.length / compared, MAX_ELEMENTS);
      kept[i] = new float[index.length * compared];
      for (int k = 0; k < index.length; k++) {
        System.arraycopy(all, index[k] * compared, kept[i], k * compared, compared);
      }
      offsets[i + 1] = offsets[i] + index.length;
    }
    float[] values = new float[offsets[rows] * compared];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(kept[i], 0, values, offsets[i] * compared, kept[i].length);
    }
    return new ElementReference(compared, sequence, offsets, values);
  }

  /** An observation's elements ({@code d} values each, one after the other) as compared elements. */
  float[] compared(float[] elements) {
    return compared(elements, sequence ? dy / 2 : dy, sequence);
  }

  /**
   * A set's rows as they are; a sequence's steps 1..T-1 each beside its increment from the step
   * before (a sequence of one step: that step with increment 0). Increments look at a series
   * the way its innovations do: an outlier in a smooth series is a jump.
   */
  static float[] compared(float[] elements, int d, boolean sequence) {
    if (!sequence) {
      return elements;
    }
    int steps = elements.length / d;
    if (steps == 1) {
      float[] out = new float[2 * d];
      System.arraycopy(elements, 0, out, 0, d);
      return out;
    }
    float[] out = new float[(steps - 1) * 2 * d];
    for (int t = 1; t < steps; t++) {
      for (int c = 0; c < d; c++) {
        out[(t - 1) * 2 * d + c] = elements[t * d + c];
        out[(t - 1) * 2 * d + d + c] = elements[t * d + c] - elements[(t - 1) * d + c];
      }
    }
    return out;
  }

  /** Values per compared element. */
  int comparedWidth() {
    return dy;
  }

  int rows() {
    return offsets.length - 1;
  }

  /** The compared elements of held-out simulation {@code i}, one after the other. */
  float[] row(int i) {
    return java.util.Arrays.copyOfRange(values, offsets[i] * dy, offsets[i + 1] * dy);
  }

  /**
   * How far the per-channel mean and log deviation of {@code elements} lie from those of the
   * held-out simulations {@code neighbours}: the mean's difference in units of the neighbours'
   * deviation, squared, plus the log deviations' difference, squared, summed over channels.
   * Data the summary network maps among simulations of other means or spreads (a shift it never
   * saw in training) stand out here.
   */
  double moments(float[] elements, int[] neighbours) {
    double[] centre = new double[dy];
    double[] scale = new double[dy];
    standardUnits(elements, 0, elements.length / dy, centre, scale);
    double sum = 0;
    for (int c = 0; c < dy; c++) {
      double mean = 0;
      double variance = 0;
      double logSd = 0;
      for (int r : neighbours) {
        mean += means[r * dy + c];
        variance += deviations[r * dy + c] * deviations[r * dy + c];
        logSd += Math.log(deviations[r * dy + c]);
      }
      mean /= neighbours.length;
      double sd = Math.sqrt(variance / neighbours.length);
      double dm = (centre[c] - mean) / sd;
      double ds = -Math.log(scale[c]) - logSd / neighbours.length;
      sum += dm * dm + ds * ds;
    }
    return sum;
  }

  /**
   * How far the per-channel log kurtosis (fourth standardised moment) of {@code elements} lies
   * from the neighbours' mean log kurtosis, squared and summed over channels: a few outliers
   * among many values move mean and spread a little and the kurtosis a lot.
   */
  double tails(float[] elements, int[] neighbours) {
    double[] centre = new double[dy];
    double[] scale = new double[dy];
    int n = elements.length / dy;
    standardUnits(elements, 0, n, centre, scale);
    double sum = 0;
    for (int c = 0; c < dy; c++) {
      double reference = 0;
      for (int r : neighbours) {
        reference += logKurtosis[r * dy + c];
      }
      double d = logKurtosis(elements, 0, n, c, centre[c], scale[c]) - reference / neighbours.length;
      sum += d * d;
    }
    return sum;
  }

  private double logKurtosis(float[] a, int from, int to, int c, double centre, double scale) {
    double m4 = 0;
    for (int k = from; k < to; k++) {
      double z = (a[k * dy + c] - centre) * scale;
      m4 += z * z * z * z;
    }
    // a constant channel (or a single element) has no shape: the kurtosis of a normal stands in
    return to - from < 2 || m4 <= 0 ? Math.log(3) : Math.log(m4 / (to - from));
  }

  /**
   * The scaled MMD between {@code elements} (one observation's standardised elements one after
   * the other) and the pooled elements of the held-out simulations {@code neighbours}.
   */
  double shape(float[] elements, int[] neighbours) {
    int pooled = 0;
    for (int r : neighbours) {
      pooled += offsets[r + 1] - offsets[r];
    }
    int[] poolIndex = stride(pooled, POOL);
    int m = poolIndex.length;
    float[] pool = new float[m * dy];
    // element poolIndex[k] of the neighbours' elements taken one after the other, each in its own
    // simulation's standard units
    int r = 0;
    int before = 0;
    double[] centre = new double[dy];
    double[] scale = new double[dy];
    standardUnits(values, offsets[neighbours[0]], offsets[neighbours[0] + 1], centre, scale);
    for (int k = 0; k < m; k++) {
      while (poolIndex[k] - before >= offsets[neighbours[r] + 1] - offsets[neighbours[r]]) {
        before += offsets[neighbours[r] + 1] - offsets[neighbours[r]];
        r++;
        standardUnits(values, offsets[neighbours[r]], offsets[neighbours[r] + 1], centre, scale);
      }
      int from = (offsets[neighbours[r]] + poolIndex[k] - before) * dy;
      for (int c = 0; c < dy; c++) {
        pool[k * dy + c] = (float) ((values[from + c] - centre[c]) * scale[c]);
      }
    }
    int[] own = stride(elements.length / dy, MAX_ELEMENTS);
    int n = own.length;
    float[] obs = new float[n * dy];
    standardUnits(elements, 0, elements.length / dy, centre, scale);
    for (int k = 0; k < n; k++) {
      for (int c = 0; c < dy; c++) {
        obs[k * dy + c] = (float) ((elements[own[k] * dy + c] - centre[c]) * scale[c]);
      }
    }
    double xx = n < 2 ? 1 : within(obs, n);
    double pp = m < 2 ? 1 : within(pool, m);
    double xp = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        xp += kernel(obs, i, pool, j);
      }
    }
    xp /= (double) n * m;
    return (double) n * m / (n + m) * (xx + pp - 2 * xp);
  }

  /**
   * Each channel's mean and inverse deviation over elements {@code from..to} of {@code a} into
   * {@code centre} and {@code scale} (1 for a constant channel).
   */
  private void standardUnits(float[] a, int from, int to, double[] centre, double[] scale) {
    for (int c = 0; c < dy; c++) {
      double s = 0;
      double s2 = 0;
      for (int k = from; k < to; k++) {
        s += a[k * dy + c];
        s2 += (double) a[k * dy + c] * a[k * dy + c];
      }
      double mean = s / (to - from);
      double sd = Math.sqrt(Math.max(s2 / (to - from) - mean * mean, 0));
      centre[c] = mean;
      scale[c] = sd > 1e-6 ? 1 / sd : 1;
    }
  }

  /** Mean kernel over distinct pairs (the unbiased within-sample term). */
  private double within(float[] a, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += kernel(a, i, a, j);
      }
    }
    return 2 * sum / ((double) n * (n - 1));
  }

  /**
   * The negative distance per channel, whose MMD is the energy distance (Szekely and Rizzo;
   * Sejdinovic et al. 2013): no width to choose, and more weight on the tails than a Gaussian
   * kernel gives them.
   */
  private double kernel(float[] a, int i, float[] b, int j) {
    double d2 = 0;
    for (int c = 0; c < dy; c++) {
      double d = a[i * dy + c] - b[j * dy + c];
      d2 += d * d;
    }
    return -Math.sqrt(d2 / dy);
  }

  /** At most {@code most} indices spread evenly over 0..n-1 (all of them when n is small enough). */
  private static int[] stride(int n, int most) {
    int k = Math.min(n, most);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = (int) ((long) i * n / k);
    }
    return out;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(dy);
    out.writeBoolean(sequence);
    out.writeInt(rows());
    for (int i = 1; i < offsets.length; i++) {
      out.writeInt(offsets[i] - offsets[i - 1]);
    }
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  static ElementReference read(DataInput in, int expectedRows) throws IOException {
    int dy = in.readInt();
    boolean sequence = in.readBoolean();
    int rows = in.readInt();
    if (dy < 1 || dy > 1 << 16 || rows != expectedRows) {
      throw new IOException("cinn: the model file's element reference has " + rows + " simulations of elements of "
          + dy + " values, expected " + expectedRows);
    }
    int[] offsets = new int[rows + 1];
    for (int i = 0; i < rows; i++) {
      int n = in.readInt();
      if (n < 1 || n > MAX_ELEMENTS) {
        throw new IOException("cinn: the model file's element reference keeps " + n + " elements of simulation " + i);
      }
      offsets[i + 1] = offsets[i] + n;
    }
    float[] values = new float[offsets[rows] * dy];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return new ElementReference(dy, sequence, offsets, values);
  }
}
