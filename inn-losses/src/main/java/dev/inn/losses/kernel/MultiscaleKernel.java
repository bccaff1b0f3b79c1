package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * The generalised multiscale form of the authors' code: k(d) = sum over (C, a) of
 * C^a ((C + d) / a)^(-a), d the squared distance. Evaluated for every pair of a batch in
 * every step, so the common exponents (2, 1, 0.5) avoid {@code Math.pow}.
 */
public final class MultiscaleKernel implements Kernel {

  private final double[][] scales;
  private final double[] weight;

  public MultiscaleKernel(double[][] scales) {
    if (scales.length == 0) {
      throw new IllegalArgumentException("multiscale kernel needs at least one (C, a) pair");
    }
    this.scales = new double[scales.length][];
    this.weight = new double[scales.length];
    for (int i = 0; i < scales.length; i++) {
      double[] s = scales[i];
      if (s.length != 2 || !(s[0] > 0) || !(s[1] > 0)) {
        throw new IllegalArgumentException("multiscale kernel scales must be positive (C, a) pairs");
      }
      this.scales[i] = s.clone();
      this.weight[i] = Math.pow(s[0], s[1]);
    }
  }

  /** The (C, a) pairs. */
  public double[][] scales() {
    double[][] copy = new double[scales.length][];
    for (int i = 0; i < scales.length; i++) {
      copy[i] = scales[i].clone();
    }
    return copy;
  }

  /** q^-a for q > 0. */
  private static double negPow(double q, double a) {
    if (a == 2.0) {
      return 1.0 / (q * q);
    }
    if (a == 1.0) {
      return 1.0 / q;
    }
    if (a == 0.5) {
      return 1.0 / Math.sqrt(q);
    }
    return Math.exp(-a * Math.log(q));
  }

  @Override
  public float apply(float d) {
    double s = 0;
    for (int i = 0; i < scales.length; i++) {
      double q = (scales[i][0] + d) / scales[i][1];
      s += weight[i] * negPow(q, scales[i][1]);
    }
    return (float) s;
  }

  @Override
  public void applyAll(float[] x, float[] fx, float[] dfdx, int from, int to) {
    // value and derivative share each scale's power, the costly part
    int k = scales.length;
    for (int e = from; e < to; e++) {
      float d = x[e];
      double v = 0;
      double g = 0;
      for (int i = 0; i < k; i++) {
        double a = scales[i][1];
        double q = (scales[i][0] + d) / a;
        double term = weight[i] * negPow(q, a);
        v += term;
        g -= term / q;
      }
      fx[e] = (float) v;
      if (dfdx != null) {
        dfdx[e] = (float) g;
      }
    }
  }

  @Override
  public float derivative(float d, float kd) {
    // with q = (C + d)/a: dq/dd = 1/a and d(q^-a)/dq = -a q^(-a-1), so each term gives -C^a q^-a / q
    double s = 0;
    for (int i = 0; i < scales.length; i++) {
      double c = scales[i][0];
      double a = scales[i][1];
      double q = (c + d) / a;
      s -= weight[i] * negPow(q, a) / q;
    }
    return (float) s;
  }
}
