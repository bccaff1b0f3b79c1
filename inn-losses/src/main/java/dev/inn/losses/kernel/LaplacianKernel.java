package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * k = sum_h exp(-||a - b|| / h), for heavy-tailed latent spaces (paper appendix 8.4). The
 * derivative at d = 0 is capped so coincident points give finite gradients.
 */
public record LaplacianKernel(double[] widths) implements Kernel {

  private static final double MIN_DISTANCE = 1e-6;

  public LaplacianKernel {
    widths = KernelChecks.positive("laplacian widths", widths);
  }

  @Override
  public float apply(float d) {
    double r = Math.sqrt(Math.max(d, 0));
    double s = 0;
    for (double h : widths) {
      s += Math.exp(-r / h);
    }
    return (float) s;
  }

  @Override
  public float derivative(float d, float kd) {
    double r = Math.sqrt(Math.max(d, MIN_DISTANCE));
    double s = 0;
    for (double h : widths) {
      s -= Math.exp(-r / h) / (2 * h * r);
    }
    return (float) s;
  }
}
