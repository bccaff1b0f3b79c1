package dev.inn.core.linalg;

/**
 * The logistic sigmoid in float arithmetic, through exp(x) = 2^k exp(r) with r = x - k ln 2 in
 * [-ln 2 / 2, ln 2 / 2] and a degree-6 Taylor polynomial for exp(r) (relative error about
 * 1.2e-7). Math.exp is fast but scalar, and a recurrent net evaluates millions of gates per
 * step; both element kernels evaluate this with the same float operations and fused
 * multiply-adds, so they agree bit for bit.
 */
final class ExpPolynomial {

  static final float LOG2E = 1.44269504f;
  // ln 2 split so that k * LN2_HI is exact for the k in range
  static final float LN2_HI = 0.693145752f;
  static final float LN2_LO = 1.42860677e-6f;
  // adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer
  static final float ROUND = 12582912f;
  // inputs beyond these give 2^k outside the normal floats; sigmoid is 0 or 1 there anyway
  static final float LOW = -87f;
  static final float HIGH = 88f;
  static final float[] C = {1f, 1f, 0.5f, 1f / 6, 1f / 24, 1f / 120, 1f / 720};

  private ExpPolynomial() {}

  static float exp(float x) {
    float v = Math.min(Math.max(x, LOW), HIGH);
    float k = (v * LOG2E + ROUND) - ROUND;
    float r = Math.fma(k, -LN2_HI, v);
    r = Math.fma(k, -LN2_LO, r);
    float p = C[6];
    for (int i = 5; i >= 0; i--) {
      p = Math.fma(p, r, C[i]);
    }
    return p * Float.intBitsToFloat(((int) k + 127) << 23);
  }

  /** 1 / (1 + exp(-x)). */
  static float sigmoid(float x) {
    return 1f / (1f + exp(-x));
  }

  /** tanh(x) = 2 sigmoid(2 x) - 1. */
  static float tanh(float x) {
    return 2f * sigmoid(2f * x) - 1f;
  }
}
