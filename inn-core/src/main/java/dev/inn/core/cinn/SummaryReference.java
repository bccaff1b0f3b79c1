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
 *
 * <p>For sets and sequences it also keeps the held-out simulations' elements
 * ({@link ElementReference}) and compares an observation's elements with those of its nearest
 * simulations: their mean and spread, their tails (kurtosis) and their shape (energy distance);
 * and where the elements' level and spread lie among those of all training simulations
 * ({@link LevelReference}). The five statistics become one test: each gets its p-value from the
 * simulations; the smallest and the product of the p-values (one strong departure, several
 * moderate ones) are each ranked among the held-out simulations' own, and the better rank is
 * calibrated once more on theirs, so the flag rate on data from the simulator stays at the flag
 * level while data a little outside in several respects count. (Model files written before the
 * level statistic keep their four.)
 */
final class SummaryReference {

  /** Neighbours averaged in the statistic. */
  static final int NEIGHBOURS = 5;

  /** Held-out summaries kept (at most): the reference and, left out one at a time, the calibration. */
  static final int SIZE = 1000;

  private final int width;
  private final StandardizedRows reference;
  // calibration distances, ascending
  private final double[] calibration;
  // sets and sequences: the reference simulations' elements and the calibration of the element
  // statistics (ascending arrays, indexed by the constants below); null for vectors
  private final ElementReference elements;
  private final double[][] elementCalibration;
  // sets and sequences since the level statistic; null for vectors and older model files
  private final LevelReference level;

  // the element calibration: each statistic's values left out one at a time; the smallest and the
  // product of each held-out simulation's four p-values; the combined p-value's calibration
  private static final int SHAPE = 0;
  private static final int MOMENTS = 1;
  private static final int TAILS = 2;
  private static final int SMALLEST = 3;
  private static final int PRODUCT = 4;
  private static final int COMBINED = 5;
  private static final int LEVEL = 6;
  private static final int CALIBRATIONS = 7;
  // what older model files (without the level statistic) hold
  private static final int FOUR_CALIBRATIONS = 6;

  /** First int of a reference written with elements; a summary-only one starts with its width. */
  private static final int WITH_ELEMENTS = -1;

  /** First int of a reference written with elements and the level statistic. */
  private static final int WITH_LEVEL = -2;

  private SummaryReference(StandardizedRows reference, double[] calibration) {
    this(reference, calibration, null, null, null);
  }

  private SummaryReference(StandardizedRows reference, double[] calibration, ElementReference elements,
      double[][] elementCalibration, LevelReference level) {
    this.width = reference.width();
    this.reference = reference;
    this.calibration = calibration;
    this.elements = elements;
    this.elementCalibration = elementCalibration;
    this.level = level;
  }

  /**
   * As {@link #of(float[], int)}, with the same held-out simulations' standardised elements
   * (padded rows of {@code paddedWidth} values, {@code lengths} elements of {@code dy} values
   * each) of sets or, when {@code sequence}, of sequences, and the level features
   * ({@link LevelReference#featureRows}) of training simulations, the held-out ones first in the
   * same order.
   */
  static SummaryReference of(float[] summaries, int width, float[] padded, int paddedWidth, int[] lengths, int dy,
      boolean sequence, float[] levelRows) {
    SummaryReference summary = of(summaries, width);
    int rows = summary.reference.count();
    ElementReference elements = ElementReference.of(padded, paddedWidth, java.util.Arrays.copyOf(lengths, rows), dy,
        sequence);
    int levelFeatures = LevelReference.featureCount(sequence ? 2 * dy : dy);
    double[] levelOwn = new double[levelRows.length / levelFeatures];
    if (levelOwn.length < rows) {
      throw new IllegalArgumentException("the level reference has " + levelOwn.length + " simulations, fewer than the "
          + rows + " held out");
    }
    LevelReference level = LevelReference.of(levelRows, levelFeatures, levelOwn);
    double[] distances = new double[rows];
    double[][] statistics = new double[3][rows];
    for (int i = 0; i < rows; i++) {
      float[] h = java.util.Arrays.copyOfRange(summaries, i * width, (i + 1) * width);
      int[] near = new int[NEIGHBOURS];
      distances[i] = summary.distance(h, i, near);
      float[] own = elements.row(i);
      statistics[SHAPE][i] = elements.shape(own, near);
      statistics[MOMENTS][i] = elements.moments(own, near);
      statistics[TAILS][i] = elements.tails(own, near);
    }
    double[][] cal = new double[CALIBRATIONS][];
    for (int k = SHAPE; k <= TAILS; k++) {
      cal[k] = sorted(statistics[k]);
    }
    cal[LEVEL] = level.calibration();
    // a held-out simulation is ranked among the others, (1 + count without itself) / rows, as an
    // observation is among all of them (counting itself would make the held-out simulations look
    // less extreme than fresh data from the simulator, which would then be flagged too often)
    double self = (1.0 + rows) / rows;
    double[] smallest = new double[rows];
    double[] product = new double[rows];
    for (int i = 0; i < rows; i++) {
      double[] p = pValues(summary.calibration, cal, distances[i], statistics[SHAPE][i], statistics[MOMENTS][i],
          statistics[TAILS][i], levelOwn[i]);
      for (int k = 0; k < p.length; k++) {
        // (1 + count with itself) / (1 + n) becomes (count with itself) / n, n the statistic's calibration size
        int n = k == p.length - 1 ? cal[LEVEL].length : rows;
        p[k] = p[k] * (1.0 + n) / n - 1.0 / n;
      }
      smallest[i] = smallest(p);
      product[i] = product(p);
    }
    cal[SMALLEST] = sorted(smallest);
    cal[PRODUCT] = sorted(product);
    double[] combined = new double[rows];
    for (int i = 0; i < rows; i++) {
      combined[i] = Math.min(lower(cal[SMALLEST], smallest[i]), lower(cal[PRODUCT], product[i])) * self - 1.0 / rows;
    }
    cal[COMBINED] = sorted(combined);
    return new SummaryReference(summary.reference, summary.calibration, elements, cal, level);
  }

  /**
   * The statistics' p-values: summary distance, shape, moments, tails and, when {@code cal}
   * has its calibration, level.
   */
  private static double[] pValues(double[] distanceCalibration, double[][] cal, double distance, double shape,
      double moments, double tails, double level) {
    double[] p = {upper(distanceCalibration, distance), upper(cal[SHAPE], shape), upper(cal[MOMENTS], moments),
        upper(cal[TAILS], tails), 0};
    if (cal[LEVEL] == null) {
      return Arrays.copyOf(p, 4);
    }
    p[4] = upper(cal[LEVEL], level);
    return p;
  }

  private static double smallest(double[] p) {
    return Arrays.stream(p).min().orElseThrow();
  }

  private static double product(double[] p) {
    double out = 1;
    for (double v : p) {
      out *= v;
    }
    return out;
  }

  private static double[] sorted(double[] values) {
    double[] out = values.clone();
    Arrays.sort(out);
    return out;
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
    StandardizedRows reference = StandardizedRows.of(summaries, width, refRows);
    SummaryReference r = new SummaryReference(reference, new double[0]);
    double[] calibration = new double[calRows];
    for (int i = 0; i < calRows; i++) {
      calibration[i] = r.distance(Arrays.copyOfRange(summaries, i * width, (i + 1) * width), i);
    }
    Arrays.sort(calibration);
    return new SummaryReference(reference, calibration);
  }


  /** The mean distance of summary {@code h} to its nearest reference summaries. */
  double distance(float[] h) {
    return distance(h, -1, null);
  }

  /** Whether the check also compares elements (a reference of sets or sequences). */
  boolean comparesElements() {
    return elements != null;
  }

  private double distance(float[] h, int skip) {
    return distance(h, skip, null);
  }

  /**
   * As {@link #distance(float[])}, leaving reference row {@code skip} out (-1: none); the
   * nearest rows, nearest first, into {@code near} unless null.
   */
  private double distance(float[] h, int skip, int[] near) {
    if (h.length != width) {
      throw new IllegalArgumentException("a summary of " + h.length + " values against a reference of " + width);
    }
    return reference.meanNearest(reference.standardize(h), skip, near);
  }

  /** The distance of summary {@code h} and its p-value against the calibration simulations. */
  Misfit misfit(float[] h) {
    double d = distance(h);
    return new Misfit(d, upper(calibration, d), calibration.length);
  }

  /**
   * The misfit of an observation from its summary {@code h} and its standardised elements (one
   * after the other); for a reference without elements, the summary distance's alone.
   */
  Misfit misfit(float[] h, float[] observationElements) {
    if (elements == null) {
      return misfit(h);
    }
    int[] near = new int[NEIGHBOURS];
    double d = distance(h, -1, near);
    float[] compared = elements.compared(observationElements);
    double e = elements.shape(compared, near);
    double[] p = pValues(calibration, elementCalibration, d, e, elements.moments(compared, near),
        elements.tails(compared, near), level == null ? 0 : level.statistic(LevelReference.features(compared,
            level.featureCount() / 2)));
    double q = Math.min(lower(elementCalibration[SMALLEST], smallest(p)),
        lower(elementCalibration[PRODUCT], product(p)));
    return new Misfit(d, lower(elementCalibration[COMBINED], q), elementCalibration[COMBINED].length, e);
  }

  /** The p-value of {@code v}: the share (+1 corrected) of the ascending {@code sorted} at least as large. */
  private static double upper(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (1.0 + sorted.length - lo) / (1.0 + sorted.length);
  }

  /** The share (+1 corrected) of the ascending {@code sorted} at most {@code v}: small is extreme here. */
  private static double lower(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (1.0 + lo) / (1.0 + sorted.length);
  }

  void write(DataOutput out) throws IOException {
    if (elements != null) {
      out.writeInt(level != null ? WITH_LEVEL : WITH_ELEMENTS);
    }
    out.writeInt(width);
    out.writeInt(reference.count());
    out.writeInt(calibration.length);
    reference.write(out);
    StandardizedRows.writeDoubles(out, calibration);
    if (elements != null) {
      elements.write(out);
      for (int k = 0; k < FOUR_CALIBRATIONS; k++) {
        StandardizedRows.writeDoubles(out, elementCalibration[k]);
      }
      if (level != null) {
        level.write(out);
      }
    }
  }

  static SummaryReference read(DataInput in) throws IOException {
    int first = in.readInt();
    boolean withLevel = first == WITH_LEVEL;
    boolean withElements = first == WITH_ELEMENTS || withLevel;
    int width = withElements ? in.readInt() : first;
    int rows = in.readInt();
    int cal = in.readInt();
    if (width < 1 || width > 1 << 16 || rows <= NEIGHBOURS || rows > SIZE || cal < 1 || cal > SIZE) {
      throw new IOException("cinn: the model file's summary reference has " + rows + " x " + width + " summaries and "
          + cal + " calibration distances");
    }
    StandardizedRows reference = StandardizedRows.read(in, width, rows);
    double[] calibration = StandardizedRows.readDoubles(in, cal);
    if (!withElements) {
      return new SummaryReference(reference, calibration);
    }
    if (cal != rows) {
      throw new IOException("cinn: the model file's element reference calibrates on " + cal + " of " + rows
          + " simulations");
    }
    ElementReference elements = ElementReference.read(in, rows);
    double[][] elementCalibration = new double[CALIBRATIONS][];
    for (int k = 0; k < FOUR_CALIBRATIONS; k++) {
      elementCalibration[k] = StandardizedRows.readDoubles(in, rows);
    }
    LevelReference level = null;
    if (withLevel) {
      level = LevelReference.read(in, LevelReference.featureCount(elements.comparedWidth()));
      elementCalibration[LEVEL] = level.calibration();
    }
    return new SummaryReference(reference, calibration, elements, elementCalibration, level);
  }
}
