package dev.inn.losses.kernel;

/**
 * k = sum_h 1 / (1 + d / h^2) over widths h (paper Sec. 3.4), d the squared distance. Heavy
 * tails keep gradients alive between distant samples.
 */
public record InverseMultiquadraticKernel(double[] widths) implements WidthSumKernel {

  public InverseMultiquadraticKernel {
    widths = KernelChecks.positive("imq widths", widths);
  }

  @Override
  public double term(double d, double h) {
    return 1.0 / (1.0 + d / (h * h));
  }

  @Override
  public double slope(double d, double h, double term) {
    double q = 1.0 + d / (h * h);
    return -(1.0 / (h * h * q * q));
  }
}
