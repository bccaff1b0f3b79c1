package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * k = sum_h 1 / (1 + d / h^2) over widths h (paper Sec. 3.4), d the squared distance. Heavy
 * tails keep gradients alive between distant samples.
 */
public record InverseMultiquadraticKernel(double[] widths) implements Kernel {

  public InverseMultiquadraticKernel {
    widths = KernelChecks.positive("imq widths", widths);
  }

  @Override
  public float apply(float d) {
    double s = 0;
    for (double h : widths) {
      s += 1.0 / (1.0 + d / (h * h));
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
        double q = 1.0 + d / (h * h);
        v += 1.0 / q;
        g -= 1.0 / (h * h * q * q);
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
      double q = 1.0 + d / (h * h);
      s -= 1.0 / (h * h * q * q);
    }
    return (float) s;
  }
}
