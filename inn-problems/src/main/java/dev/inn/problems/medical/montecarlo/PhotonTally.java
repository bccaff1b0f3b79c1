package dev.inn.problems.medical.montecarlo;

/**
 * Raw sums of a Monte Carlo run; tallies of independent runs add up exactly, which is how
 * batches, rounds and threads are combined.
 *
 * @param photons photons launched
 * @param reflected sum over photons of the weight escaping through the top
 * @param reflectedSquares sum of its squares (each photon escapes at most once)
 * @param transmitted sum of the weight escaping through the bottom
 * @param transmittedSquares sum of its squares
 * @param absorbed sum of the weight deposited in the layers
 */
public record PhotonTally(long photons, double reflected, double reflectedSquares, double transmitted,
    double transmittedSquares, double absorbed) {

  /** Nothing launched yet. */
  public static final PhotonTally EMPTY = new PhotonTally(0, 0, 0, 0, 0, 0);

  public PhotonTally plus(PhotonTally o) {
    return new PhotonTally(photons + o.photons, reflected + o.reflected, reflectedSquares + o.reflectedSquares,
        transmitted + o.transmitted, transmittedSquares + o.transmittedSquares, absorbed + o.absorbed);
  }

  /** Mean diffuse reflectance per launched photon. */
  public double reflectance() {
    return photons == 0 ? 0 : reflected / photons;
  }

  /** Standard error of {@link #reflectance()}. */
  public double reflectanceError() {
    return standardError(reflected, reflectedSquares);
  }

  public double transmittance() {
    return photons == 0 ? 0 : transmitted / photons;
  }

  public double transmittanceError() {
    return standardError(transmitted, transmittedSquares);
  }

  private double standardError(double sum, double squares) {
    if (photons < 2) {
      return Double.POSITIVE_INFINITY;
    }
    double mean = sum / photons;
    double variance = Math.max(0, squares / photons - mean * mean) * photons / (photons - 1);
    return Math.sqrt(variance / photons);
  }

  /** The tally as fractions of the incident power, given the tissue's specular reflectance. */
  public TransportResult result(double specularReflectance) {
    return new TransportResult(photons, specularReflectance, reflectance(), reflectanceError(), transmittance(),
        transmittanceError(), photons == 0 ? 0 : absorbed / photons);
  }
}
