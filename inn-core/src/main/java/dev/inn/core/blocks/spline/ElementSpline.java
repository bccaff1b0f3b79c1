package dev.inn.core.blocks.spline;

import java.util.Arrays;

/**
 * One element's rational-quadratic spline in double precision: its knots from the raw
 * parameters, evaluation, inversion and the partial derivatives the backward step needs.
 * Scratch state, one per thread.
 */
final class ElementSpline {
  private final int bins;
  private final double bound;
  private final double minWidth;
  private final double minHeight;
  private final double minDerivative;
  // softplus(shift) = 1 - minDerivative, so a zero parameter gives derivative exactly 1
  private final double shift;
  private final double[] widthProb;
  private final double[] heightProb;
  final double[] xs;
  final double[] ys;
  private final double[] derivative;
  private final double[] derivativeSlope;
  private final double[] knotGrad;

  // state of the last locate / partials
  int bin;
  double binWidth;
  double value;
  double logDerivative;
  double valueDxi;
  double logDxi;
  private double xi;
  private double slope;
  private double valueDs;
  private double valueDd0;
  private double valueDd1;
  private double valueDh;
  private double logDs;
  private double logDd0;
  private double logDd1;

  ElementSpline(SplineShape shape) {
    bins = shape.bins();
    bound = shape.bound();
    minWidth = shape.minBinWidth();
    minHeight = shape.minBinHeight();
    minDerivative = shape.minDerivative();
    shift = Math.log(Math.expm1(1 - minDerivative));
    widthProb = new double[bins];
    heightProb = new double[bins];
    xs = new double[bins + 1];
    ys = new double[bins + 1];
    derivative = new double[bins + 1];
    derivativeSlope = new double[bins + 1];
    knotGrad = new double[bins];
  }

  void setup(float[] p, int off) {
    softmax(p, off, widthProb);
    softmax(p, off + bins, heightProb);
    knots(widthProb, minWidth, xs);
    knots(heightProb, minHeight, ys);
    derivative[0] = 1;
    derivative[bins] = 1;
    for (int k = 1; k < bins; k++) {
      double z = p[off + 2 * bins + k - 1] + shift;
      derivative[k] = minDerivative + (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
      derivativeSlope[k] = 1 / (1 + Math.exp(-z));
    }
  }

  private void softmax(float[] p, int off, double[] prob) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < bins; k++) {
      max = Math.max(max, p[off + k]);
    }
    double total = 0;
    for (int k = 0; k < bins; k++) {
      prob[k] = Math.exp(p[off + k] - max);
      total += prob[k];
    }
    for (int k = 0; k < bins; k++) {
      prob[k] /= total;
    }
  }

  private void knots(double[] prob, double min, double[] knots) {
    double scale = 1 - min * bins;
    double cumulative = 0;
    knots[0] = -bound;
    for (int k = 0; k < bins - 1; k++) {
      cumulative += min + scale * prob[k];
      knots[k + 1] = -bound + 2 * bound * cumulative;
    }
    // pinned exactly, so the box edges are fixed points and the tails join without a gap
    knots[bins] = bound;
  }

  /** Sets {@link #bin} to the bin of {@code knots} holding t (t inside the box). */
  void locate(double t, double[] knots) {
    int k = 0;
    while (k < bins - 1 && t >= knots[k + 1]) {
      k++;
    }
    bin = k;
  }

  /** The x with spline(x) = y, in the bin located by y; the stable root of the quadratic. */
  double invert(double y) {
    locate(y, ys);
    int k = bin;
    double w = xs[k + 1] - xs[k];
    double h = ys[k + 1] - ys[k];
    double s = h / w;
    double d0 = derivative[k];
    double d1 = derivative[k + 1];
    double dy = y - ys[k];
    double curve = d0 + d1 - 2 * s;
    double a = h * (s - d0) + dy * curve;
    double b = h * d0 - dy * curve;
    double c = -s * dy;
    double disc = Math.max(0, b * b - 4 * a * c);
    double root = 2 * c / (-b - Math.sqrt(disc));
    root = Math.min(1, Math.max(0, root));
    return xs[k] + root * w;
  }

  /** Value, log-derivative and their partials at x in the current {@link #bin}. */
  void partials(double x) {
    int k = bin;
    binWidth = xs[k + 1] - xs[k];
    double w = binWidth;
    double h = ys[k + 1] - ys[k];
    double s = h / w;
    slope = s;
    double d0 = derivative[k];
    double d1 = derivative[k + 1];
    xi = (x - xs[k]) / w;
    double t = xi;
    double th = t * (1 - t);
    double curve = d0 + d1 - 2 * s;
    double den = s + curve * th;
    double num = s * t * t + d0 * th;
    double m = d1 * t * t + 2 * s * th + d0 * (1 - t) * (1 - t);
    value = ys[k] + h * num / den;
    logDerivative = 2 * Math.log(s) + Math.log(m) - 2 * Math.log(den);

    double numXi = 2 * s * t + d0 * (1 - 2 * t);
    double denXi = curve * (1 - 2 * t);
    double denS = 1 - 2 * th;
    double mXi = 2 * d1 * t + 2 * s * (1 - 2 * t) - 2 * d0 * (1 - t);
    double den2 = den * den;
    valueDxi = h * (numXi * den - num * denXi) / den2;
    valueDs = h * (t * t * den - num * denS) / den2;
    valueDd0 = h * (th * den - num * th) / den2;
    valueDd1 = -h * num * th / den2;
    valueDh = num / den;
    logDxi = mXi / m - 2 * denXi / den;
    logDs = 2 / s + 2 * th / m - 2 * denS / den;
    logDd0 = (1 - t) * (1 - t) / m - 2 * th / den;
    logDd1 = t * t / m - 2 * th / den;
  }

  /**
   * Adds gradients of {@code gValue * value + gLog * logDerivative} (at the last
   * {@link #partials} point, x held fixed) to the raw parameters at {@code off}.
   */
  void pushParameterGradients(double gValue, double gLog, float[] gp, int off) {
    int k = bin;
    double w = binWidth;
    double gXi = gValue * valueDxi + gLog * logDxi;
    double gS = gValue * valueDs + gLog * logDs;
    // xi = (x - x_k) / w and s = h / w
    double gLeft = -gXi / w;
    double gW = -(gXi * xi + gS * slope) / w;
    double gH = gValue * valueDh + gS / w;
    double gBottom = gValue;
    // bin k spans knots k and k + 1: width = x_{k+1} - x_k, height = y_{k+1} - y_k
    spreadKnotGradients(k, gLeft - gW, gW, widthProb, minWidth, gp, off);
    spreadKnotGradients(k, gBottom - gH, gH, heightProb, minHeight, gp, off + bins);
    double gD0 = gValue * valueDd0 + gLog * logDd0;
    double gD1 = gValue * valueDd1 + gLog * logDd1;
    if (k >= 1) {
      gp[off + 2 * bins + k - 1] += (float) (gD0 * derivativeSlope[k]);
    }
    if (k + 1 <= bins - 1) {
      gp[off + 2 * bins + k] += (float) (gD1 * derivativeSlope[k + 1]);
    }
  }

  /**
   * Knot j (1..bins-1) is -B + 2B sum_{i<j} size_i, size = min + (1 - min bins) softmax(raw);
   * the end knots are fixed. Back through both to the raw parameters.
   */
  private void spreadKnotGradients(int k, double gKnotK, double gKnotNext, double[] prob, double min, float[] gp,
      int off) {
    Arrays.fill(knotGrad, 0);
    for (int i = 0; i < bins; i++) {
      double gi = 0;
      if (k >= 1 && i < k) {
        gi += gKnotK;
      }
      if (k + 1 <= bins - 1 && i < k + 1) {
        gi += gKnotNext;
      }
      knotGrad[i] = 2 * bound * gi;
    }
    double dot = 0;
    for (int i = 0; i < bins; i++) {
      dot += prob[i] * knotGrad[i];
    }
    double scale = 1 - min * bins;
    for (int i = 0; i < bins; i++) {
      gp[off + i] += (float) (scale * prob[i] * (knotGrad[i] - dot));
    }
  }
}
