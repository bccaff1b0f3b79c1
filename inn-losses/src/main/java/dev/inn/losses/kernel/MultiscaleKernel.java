package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * The generalised multiscale form of the authors' code: k(d) = sum over (C, a) of
 * C^a ((C + d) / a)^(-a), d the squared distance. Evaluated for every pair of a batch in
 * every step, so the common exponents (2, 1, 0.5) avoid {@code Math.pow}.
 */
public final class MultiscaleKernel implements Kernel {

  // elements per pass of applyAll: the running sums stay in L1
  private static final int BLOCK = 512;
  private final double[][] scales;
  private final double[] weight;
  // applyAll's running sums of value and derivative, one pair per calling thread
  private final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[2][BLOCK]);

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
    // scale by scale over a block of elements, each exponent in a loop of its own, so the JIT
    // can run the divisions (and square roots) on vector lanes; every element sees the same
    // double operations in the same order as in apply and derivative, so the results are equal
    double[][] sums = scratch.get();
    double[] v = sums[0];
    double[] g = sums[1];
    for (int start = from; start < to; start += BLOCK) {
      int len = Math.min(BLOCK, to - start);
      java.util.Arrays.fill(v, 0, len, 0.0);
      java.util.Arrays.fill(g, 0, len, 0.0);
      for (int i = 0; i < scales.length; i++) {
        double c = scales[i][0];
        double a = scales[i][1];
        double w = weight[i];
        if (a == 2.0) {
          for (int e = 0; e < len; e++) {
            double q = (c + x[start + e]) / a;
            double term = w * (1.0 / (q * q));
            v[e] += term;
            g[e] -= term / q;
          }
        } else if (a == 1.0) {
          for (int e = 0; e < len; e++) {
            double q = (c + x[start + e]) / a;
            double term = w * (1.0 / q);
            v[e] += term;
            g[e] -= term / q;
          }
        } else if (a == 0.5) {
          for (int e = 0; e < len; e++) {
            double q = (c + x[start + e]) / a;
            double term = w * (1.0 / Math.sqrt(q));
            v[e] += term;
            g[e] -= term / q;
          }
        } else {
          for (int e = 0; e < len; e++) {
            double q = (c + x[start + e]) / a;
            double term = w * Math.exp(-a * Math.log(q));
            v[e] += term;
            g[e] -= term / q;
          }
        }
      }
      for (int e = 0; e < len; e++) {
        fx[start + e] = (float) v[e];
      }
      if (dfdx != null) {
        for (int e = 0; e < len; e++) {
          dfdx[start + e] = (float) g[e];
        }
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
