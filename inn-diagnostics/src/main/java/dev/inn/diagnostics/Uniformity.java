package dev.inn.diagnostics;

import java.util.Locale;

/**
 * Whether values that should be uniform on (0, 1) are: the simultaneous ECDF band, and the mean
 * and variance against 1/2 and 1/12 as z-scores, which give a failure its direction.
 *
 * @param n how many values
 * @param mean their mean
 * @param variance their variance (population)
 * @param meanZ (mean - 1/2) / its standard error under uniformity
 * @param varianceZ (variance - 1/12) / its standard error under uniformity
 * @param pointsOutside points of the ECDF difference outside the band
 * @param band the band the values were checked against
 */
public record Uniformity(int n, double mean, double variance, double meanZ, double varianceZ, int pointsOutside,
    EcdfBand band) {

  /** z beyond which a moment alone flags the values (two-sided 0.1 %). */
  static final double Z_LIMIT = 3.29;

  /** Checks {@code values} against a band at {@code confidence}, simulated with {@code seed}. */
  public static Uniformity of(double[] values, double confidence, long seed) {
    int n = values.length;
    if (n < 2) {
      throw new IllegalArgumentException("a uniformity check needs at least 2 values, got " + n);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : values) {
      var += (v - 0.5) * (v - 0.5);
    }
    var = var / n - (mean - 0.5) * (mean - 0.5);
    // under uniformity: Var(u) = 1/12, Var((u - 1/2)^2) = 1/80 - 1/144 = 1/180
    double meanZ = (mean - 0.5) / Math.sqrt(1.0 / 12 / n);
    double varianceZ = (var - 1.0 / 12) / Math.sqrt(1.0 / 180 / n);
    EcdfBand band = EcdfBand.of(n, confidence, seed);
    return new Uniformity(n, mean, var, meanZ, varianceZ, band.pointsOutside(band.difference(values)), band);
  }

  /** Whether the values fail: outside the band, or a moment beyond {@link #Z_LIMIT}. */
  public boolean failed() {
    return pointsOutside > 0 || Math.abs(meanZ) > Z_LIMIT || Math.abs(varianceZ) > Z_LIMIT;
  }

  /** A shift of the mean explains the failure better than a change of the spread. */
  boolean shifted() {
    return Math.abs(meanZ) >= Math.abs(varianceZ);
  }

  /** The numbers behind a verdict, e.g. "mean 0.43 (z -2.1), variance 0.071 (z -3.9)". */
  String numbers() {
    return String.format(Locale.ROOT, "mean %.3f (z %+.1f), variance %.4f vs 1/12 = 0.0833 (z %+.1f), %d of %d ECDF points"
        + " outside the %.0f %% band", mean, meanZ, variance, varianceZ, pointsOutside, band.z().length,
        100 * band.confidence());
  }
}
