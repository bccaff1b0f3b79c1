package dev.inn.problems.sets;

import java.util.SplittableRandom;

/** Gamma(shape, 1) draws by Marsaglia and Tsang's squeeze method (ACM TOMS 2000). */
final class GammaDraw {

  private GammaDraw() {}

  static double draw(SplittableRandom rng, double shape) {
    if (shape < 1) {
      // boost: Gamma(a) = Gamma(a + 1) * U^(1/a)
      return draw(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = rng.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
