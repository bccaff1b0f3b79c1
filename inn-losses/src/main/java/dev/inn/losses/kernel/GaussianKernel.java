package dev.inn.losses.kernel;

/** k = sum_h exp(-d / (2 h^2)) over widths h, d the squared distance. */
public record GaussianKernel(double[] widths) implements WidthSumKernel {

  public GaussianKernel {
    widths = KernelChecks.positive("gaussian widths", widths);
  }

  @Override
  public double term(double d, double h) {
    return Math.exp(-d / (2 * h * h));
  }

  @Override
  public double slope(double d, double h, double term) {
    return -(term / (2 * h * h));
  }
}
