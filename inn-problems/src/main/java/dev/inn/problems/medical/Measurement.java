package dev.inn.problems.medical;

import java.util.SplittableRandom;

/**
 * What the camera reports of band reflectances: multiplicative Gaussian noise, clipping to
 * [1e-5, 1], and the normalisation of the spec (divide by the L1 sum, take -ln, divide by the
 * L2 norm), which removes the unknown illumination intensity.
 */
public final class Measurement {

  /** Lower clip of a reflectance. */
  public static final double MIN_REFLECTANCE = 1e-5;

  private Measurement() {}

  /** r_k (1 + N(0, 1) / snr), clipped; {@code snr} = infinity gives the clipped noiseless values. */
  public static double[] withNoise(double[] reflectance, double snr, SplittableRandom rng) {
    if (!(snr > 0)) {
      throw new IllegalArgumentException("SNR must be positive, got " + snr);
    }
    double[] y = new double[reflectance.length];
    for (int k = 0; k < y.length; k++) {
      double noise = Double.isInfinite(snr) ? 0 : ColonModel.gaussian(rng) / snr;
      y[k] = clip(reflectance[k] * (1 + noise));
    }
    return y;
  }

  /** Clip to [1e-5, 1], divide by the L1 sum, -ln, divide by the L2 norm. */
  public static double[] normalize(double[] reflectance) {
    double[] y = new double[reflectance.length];
    double sum = 0;
    for (int k = 0; k < y.length; k++) {
      y[k] = clip(reflectance[k]);
      sum += y[k];
    }
    double norm = 0;
    for (int k = 0; k < y.length; k++) {
      y[k] = -Math.log(y[k] / sum);
      norm += y[k] * y[k];
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      // A single band (or all but one at the clip floor) carries no shape: leave zeros.
      return y;
    }
    for (int k = 0; k < y.length; k++) {
      y[k] /= norm;
    }
    return y;
  }

  private static double clip(double r) {
    if (Double.isNaN(r)) {
      throw new IllegalArgumentException("reflectance is NaN");
    }
    return Math.min(1, Math.max(MIN_REFLECTANCE, r));
  }
}
