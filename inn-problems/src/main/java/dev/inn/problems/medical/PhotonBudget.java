package dev.inn.problems.medical;

/**
 * How many photons a (sample, band) reflectance gets: rounds of photons until the relative
 * standard error of the band mean is at most {@code targetRelativeError}, never fewer than
 * {@code minPhotons} nor more than {@code maxPhotons} (all counts per band, split evenly over
 * its {@code wavelengthsPerBand} wavelengths).
 */
public record PhotonBudget(double targetRelativeError, long minPhotons, long maxPhotons, int wavelengthsPerBand) {

  /** 1.5 % relative error, 5 000 to 2 000 000 photons per band, 5 wavelengths per 10 nm band. */
  public static final PhotonBudget DEFAULT = new PhotonBudget(0.015, 5_000, 2_000_000, 5);

  public PhotonBudget {
    if (!(targetRelativeError > 0)) {
      throw new IllegalArgumentException("target relative error must be positive, got " + targetRelativeError);
    }
    if (wavelengthsPerBand < 1) {
      throw new IllegalArgumentException("wavelengths per band must be >= 1, got " + wavelengthsPerBand);
    }
    if (minPhotons < wavelengthsPerBand * 2L) {
      throw new IllegalArgumentException("min photons per band must be at least 2 per wavelength ("
          + wavelengthsPerBand * 2L + "), got " + minPhotons);
    }
    if (maxPhotons < minPhotons) {
      throw new IllegalArgumentException("max photons (" + maxPhotons + ") below min photons (" + minPhotons + ")");
    }
  }
}
