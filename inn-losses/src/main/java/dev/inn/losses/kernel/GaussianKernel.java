package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/** k = sum_h exp(-d / (2 h^2)) over widths h, d the squared distance. */
public record GaussianKernel(double[] widths) implements Kernel {

  public GaussianKernel {
    widths = KernelChecks.positive("gaussian widths", widths);
  }

  @Override
  public float apply(float d) {
    double s = 0;
    for (double h : widths) {
      s += Math.exp(-d / (2 * h * h));
    }
    return (float) s;
  }

  @Override
  public void applyAll(float[] x, float[] fx, float[] dfdx, int from, int to) {
    for (int e = from; e < to; e++) {
      float d = x[e];
      double v = 0;
      double g = 0;
      for (double h : widths) {
        double t = Math.exp(-d / (2 * h * h));
        v += t;
        g -= t / (2 * h * h);
      }
      fx[e] = (float) v;
      if (dfdx != null) {
        dfdx[e] = (float) g;
      }
    }
  }

  @Override
  public float derivative(float d, float kd) {
    double s = 0;
    for (double h : widths) {
      s -= Math.exp(-d / (2 * h * h)) / (2 * h * h);
    }
    return (float) s;
  }
}
