package dev.inn.problems.medical.montecarlo;

/**
 * Totals of a Monte Carlo run, all as fractions of the incident power.
 *
 * @param photons photons launched
 * @param specularReflectance reflection of the beam at the top surface (exact, not sampled)
 * @param diffuseReflectance weight escaping through the top, per photon
 * @param diffuseReflectanceError its Monte Carlo standard error
 * @param transmittance weight escaping through the bottom, per photon
 * @param transmittanceError its Monte Carlo standard error
 * @param absorbance weight absorbed in the layers, per photon (mean; roulette keeps it unbiased)
 */
public record TransportResult(long photons, double specularReflectance, double diffuseReflectance,
    double diffuseReflectanceError, double transmittance, double transmittanceError, double absorbance) {

  /** Relative standard error of the diffuse reflectance (infinite when it is zero). */
  public double relativeReflectanceError() {
    return diffuseReflectance > 0 ? diffuseReflectanceError / diffuseReflectance : Double.POSITIVE_INFINITY;
  }
}
