package dev.inn.problems.medical;

import java.util.Arrays;

/**
 * Camera bands as rectangular wavelength windows; a band's reflectance is the mean over the
 * window, approximated by the midpoint rule on evenly spaced wavelengths.
 *
 * @param centresNm band centres in nm
 * @param widthNm width of every window in nm
 */
public record MultispectralCamera(double[] centresNm, double widthNm) {

  /** The 8-band camera of the paper: 470, 480, 511, 560, 580, 600, 660, 700 nm, 10 nm windows. */
  public static final MultispectralCamera STANDARD =
      new MultispectralCamera(new double[] {470, 480, 511, 560, 580, 600, 660, 700}, 10);

  public MultispectralCamera {
    centresNm = centresNm.clone();
    if (centresNm.length == 0) {
      throw new IllegalArgumentException("a camera needs at least one band");
    }
    if (!(widthNm >= 0)) {
      throw new IllegalArgumentException("band width must be >= 0 nm, got " + widthNm);
    }
  }

  @Override
  public double[] centresNm() {
    return centresNm.clone();
  }

  public int bands() {
    return centresNm.length;
  }

  /**
   * {@code points} wavelengths at the midpoints of equal sub-intervals of band {@code band}'s
   * window (5 points over 10 nm: centre -4, -2, 0, +2, +4 nm).
   */
  public double[] wavelengths(int band, int points) {
    if (points < 1) {
      throw new IllegalArgumentException("wavelengths per band must be >= 1, got " + points);
    }
    double[] w = new double[points];
    double step = widthNm / points;
    double start = centresNm[band] - widthNm / 2 + step / 2;
    for (int i = 0; i < points; i++) {
      w[i] = start + i * step;
    }
    return w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultispectralCamera c && Arrays.equals(c.centresNm, centresNm) && c.widthNm == widthNm;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(centresNm) + Double.hashCode(widthNm);
  }
}
