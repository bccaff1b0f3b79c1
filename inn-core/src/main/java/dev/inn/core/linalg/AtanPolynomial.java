package dev.inn.core.linalg;

/**
 * atan in float arithmetic for the soft clamp of coupling blocks. Math.atan is no JIT intrinsic
 * and took about a fifth of an INN's sampling time; this is a polynomial both element kernels
 * evaluate with the same fused multiply-adds, so they agree bit for bit.
 */
final class AtanPolynomial {

  // atan(t) / t as a polynomial in t^2 on [0, 1]: least squares on 400 Chebyshev nodes, degree 8,
  // rounded to float. Evaluated in float, the relative error of atan stays within 1.3e-7 (about
  // one ulp) on [0, 1] and 1.5e-7 beyond, through pi/2 - atan(1 / |t|).
  static final float[] C = {1.0f, -0.3333306610584259f, 0.19992484152317047f, -0.14202570915222168f,
      0.10636754333972931f, -0.07495445758104324f, 0.042587608098983765f, -0.016005029901862144f,
      0.0028340641874819994f};
  static final float HALF_PI = (float) (Math.PI / 2);
  static final float TWO_OVER_PI = (float) (2 / Math.PI);

  private AtanPolynomial() {}

  static float atan(float t) {
    float a = Math.abs(t);
    boolean beyond = a > 1f;
    float r = beyond ? 1f / a : a;
    float q = r * r;
    float p = C[8];
    for (int k = 7; k >= 0; k--) {
      p = Math.fma(p, q, C[k]);
    }
    p = p * r;
    if (beyond) {
      p = HALF_PI - p;
    }
    return t < 0 ? -p : p;
  }

  /** The soft clamp and its slope element by element (the portable kernel and vector tails). */
  static void atanClamp(float[] x, float[] out, float[] slope, int from, int to, float alpha) {
    for (int i = from; i < to; i++) {
      out[i] = ElementKernels.atanClamp(x[i], alpha);
      if (slope != null) {
        slope[i] = ElementKernels.atanClampSlope(x[i], alpha);
      }
    }
  }
}
