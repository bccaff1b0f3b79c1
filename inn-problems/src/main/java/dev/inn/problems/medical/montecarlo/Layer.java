package dev.inn.problems.medical.montecarlo;

/**
 * One laterally infinite, homogeneous tissue layer.
 *
 * @param refractiveIndex n of the layer (> 0)
 * @param absorption mu_a in cm^-1 (>= 0)
 * @param scattering mu_s in cm^-1 (>= 0)
 * @param anisotropy Henyey-Greenstein g, in (-1, 1)
 * @param thickness thickness in cm (> 0, finite)
 */
public record Layer(double refractiveIndex, double absorption, double scattering, double anisotropy,
    double thickness) {

  public Layer {
    if (!(refractiveIndex > 0) || !Double.isFinite(refractiveIndex)) {
      throw new IllegalArgumentException("refractive index must be positive and finite, got " + refractiveIndex);
    }
    if (!(absorption >= 0) || !Double.isFinite(absorption)) {
      throw new IllegalArgumentException("absorption mu_a must be >= 0 and finite, got " + absorption);
    }
    if (!(scattering >= 0) || !Double.isFinite(scattering)) {
      throw new IllegalArgumentException("scattering mu_s must be >= 0 and finite, got " + scattering);
    }
    if (!(anisotropy > -1 && anisotropy < 1)) {
      throw new IllegalArgumentException("anisotropy g must lie in (-1, 1), got " + anisotropy);
    }
    if (!(thickness > 0) || !Double.isFinite(thickness)) {
      throw new IllegalArgumentException("thickness must be positive and finite (cm), got " + thickness);
    }
  }

  /** mu_t = mu_a + mu_s in cm^-1. */
  public double attenuation() {
    return absorption + scattering;
  }
}
