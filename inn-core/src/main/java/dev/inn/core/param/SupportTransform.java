package dev.inn.core.param;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Support;

/**
 * A per-column bijection between a prior's support and the real line, so a network trained
 * on the transformed values can only produce samples inside the support: logit of the
 * rescaled value for an interval, inverse softplus of the distance to a one-sided bound
 * (nearly the identity far from the bound), identity where unbounded. Values on or outside a
 * bound (data at the edge of a uniform prior) are first moved a small fraction of the way in.
 */
public final class SupportTransform implements dev.inn.api.training.SupportMap {

  /** How far inside a bound an edge value is moved: a fraction of the interval, or absolute. */
  private static final double EDGE = 1e-4;

  private final double[] lower;
  private final double[] upper;

  private SupportTransform(double[] lower, double[] upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /** The transform for {@code support}. */
  public static SupportTransform of(Support support) {
    return new SupportTransform(support.lower(), support.upper());
  }

  /** The identity on {@code dim} columns. */
  public static SupportTransform identity(int dim) {
    double[] lo = new double[dim];
    double[] hi = new double[dim];
    java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
    return new SupportTransform(lo, hi);
  }

  /** Number of columns. */
  @Override
  public int dim() {
    return lower.length;
  }

  /** Support values to the real line. */
  @Override
  public Matrix toUnbounded(Matrix m) {
    return columnwise(m, this::toUnbounded);
  }

  /** Real-line values back into the support. */
  @Override
  public Matrix toSupport(Matrix m) {
    return columnwise(m, this::toSupport);
  }

  /**
   * log|det d toUnbounded / dx| per row of support values {@code m} (the change of variables
   * of a density from the real line back into the support); negative infinity for a row with
   * a value on or outside a bound.
   */
  @Override
  public double[] logAbsDetToUnbounded(Matrix m) {
    check(m);
    int cols = m.cols();
    double[] out = new double[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        s += logDerivative(c, m.data()[i * cols + c]);
      }
      out[i] = s;
    }
    return out;
  }

  private double logDerivative(int c, double v) {
    double a = lower[c];
    double b = upper[c];
    boolean hasLower = a != Double.NEGATIVE_INFINITY;
    boolean hasUpper = b != Double.POSITIVE_INFINITY;
    if ((hasLower && !(v > a)) || (hasUpper && !(v < b))) {
      return Double.NEGATIVE_INFINITY;
    }
    if (hasLower && hasUpper) {
      // d logit((v - a) / (b - a)) / dv = (b - a) / ((v - a)(b - v))
      return Math.log(b - a) - Math.log(v - a) - Math.log(b - v);
    }
    if (hasLower) {
      // d log(expm1(d)) / dd = 1 / (1 - exp(-d))
      return -Math.log(-Math.expm1(-(v - a)));
    }
    if (hasUpper) {
      return -Math.log(-Math.expm1(-(b - v)));
    }
    return 0;
  }

  private interface ColumnMap {
    double apply(int column, double value);
  }

  private Matrix columnwise(Matrix m, ColumnMap f) {
    check(m);
    float[] d = new float[m.data().length];
    int cols = m.cols();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) f.apply(i % cols, m.data()[i]);
    }
    return new Matrix(m.rows(), cols, d);
  }

  private void check(Matrix m) {
    if (m.cols() != lower.length) {
      throw new IllegalArgumentException("support transform: " + m.cols() + " columns, the support has "
          + lower.length);
    }
  }

  double toUnbounded(int c, double v) {
    double a = lower[c];
    double b = upper[c];
    boolean hasLower = a != Double.NEGATIVE_INFINITY;
    boolean hasUpper = b != Double.POSITIVE_INFINITY;
    if (hasLower && hasUpper) {
      double u = Math.min(Math.max((v - a) / (b - a), EDGE), 1 - EDGE);
      return Math.log(u / (1 - u));
    }
    if (hasLower) {
      return inverseSoftplus(Math.max(v - a, EDGE));
    }
    if (hasUpper) {
      return -inverseSoftplus(Math.max(b - v, EDGE));
    }
    return v;
  }

  double toSupport(int c, double u) {
    double a = lower[c];
    double b = upper[c];
    boolean hasLower = a != Double.NEGATIVE_INFINITY;
    boolean hasUpper = b != Double.POSITIVE_INFINITY;
    if (hasLower && hasUpper) {
      return a + (b - a) / (1 + Math.exp(-u));
    }
    if (hasLower) {
      return a + softplus(u);
    }
    if (hasUpper) {
      return b - softplus(-u);
    }
    return u;
  }

  private static double softplus(double u) {
    return u > 30 ? u : Math.log1p(Math.exp(u));
  }

  private static double inverseSoftplus(double v) {
    return v > 30 ? v : Math.log(Math.expm1(v));
  }
}
