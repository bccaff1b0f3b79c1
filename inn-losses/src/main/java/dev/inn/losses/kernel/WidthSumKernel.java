package dev.inn.losses.kernel;

import dev.inn.api.loss.Kernel;

/**
 * A kernel that is a sum over widths h of one term of the squared distance d: each such kernel
 * gives its term and the term's slope in d, and the sums (element-wise and the array loop that
 * computes value and slope together) are written once here.
 */
interface WidthSumKernel extends Kernel {

  /** The widths summed over. */
  double[] widths();

  /** The term of width {@code h} at squared distance {@code d}. */
  double term(double d, double h);

  /** The term's derivative in d, given its value {@code term} at (d, h). */
  double slope(double d, double h, double term);

  @Override
  default float apply(float d) {
    double s = 0;
    for (double h : widths()) {
      s += term(d, h);
    }
    return (float) s;
  }

  @Override
  default float derivative(float d, float kd) {
    double s = 0;
    for (double h : widths()) {
      s += slope(d, h, term(d, h));
    }
    return (float) s;
  }

  @Override
  default void applyAll(float[] x, float[] fx, float[] dfdx, int from, int to) {
    double[] widths = widths();
    for (int e = from; e < to; e++) {
      float d = x[e];
      double v = 0;
      double g = 0;
      for (double h : widths) {
        double t = term(d, h);
        v += t;
        g += slope(d, h, t);
      }
      fx[e] = (float) v;
      if (dfdx != null) {
        dfdx[e] = (float) g;
      }
    }
  }
}
