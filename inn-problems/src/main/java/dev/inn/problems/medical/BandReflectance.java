package dev.inn.problems.medical;

/**
 * Noiseless band reflectances of one tissue sample with their Monte Carlo accuracy.
 *
 * @param reflectance diffuse reflectance per band (mean over the band's window)
 * @param standardError Monte Carlo standard error per band
 * @param photons photons spent per band
 */
public record BandReflectance(double[] reflectance, double[] standardError, long[] photons) {

  public long totalPhotons() {
    long s = 0;
    for (long p : photons) {
      s += p;
    }
    return s;
  }

  /** The largest relative standard error over the bands. */
  public double worstRelativeError() {
    double w = 0;
    for (int k = 0; k < reflectance.length; k++) {
      w = Math.max(w, reflectance[k] > 0 ? standardError[k] / reflectance[k] : Double.POSITIVE_INFINITY);
    }
    return w;
  }
}
