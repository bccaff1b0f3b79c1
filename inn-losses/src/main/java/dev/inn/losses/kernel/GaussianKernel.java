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
  public float derivative(float d, float kd) {
    double s = 0;
    for (double h : widths) {
      s -= Math.exp(-d / (2 * h * h)) / (2 * h * h);
    }
    return (float) s;
  }
}
