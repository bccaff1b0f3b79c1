package dev.inn.core.blocks.spline;

import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.RowFunction;
import dev.inn.api.tensor.Tensor;

/**
 * Element-wise monotone rational-quadratic splines with linear tails (Durkan et al. 2019,
 * "Neural Spline Flows"), the kernel of {@code rq-spline-coupling}: every element of x gets its
 * own spline on [-bound, bound] and the identity outside. Element (i, j) reads its spline from
 * row i of the parameters, columns {@code j * (3 bins - 1)} onwards: {@code bins} unnormalised
 * bin widths, {@code bins} unnormalised bin heights, then {@code bins - 1} unnormalised interior
 * knot derivatives. Widths and heights go through a softmax with a minimum bin size;
 * derivatives through a softplus shifted so that 0 maps to 1 (all-zero parameters give the
 * identity), plus a minimum; the end derivatives are 1 to join the tails smoothly.
 *
 * <p>One {@link Ops#rowwise} operation with a hand-written gradient: the output holds the value
 * and the log-derivative side by side so both share one backward step.
 */
public final class RationalQuadraticSpline implements RowFunction {

  private final SplineShape shape;
  private final int m;
  private final boolean inverse;

  private RationalQuadraticSpline(SplineShape shape, int m, boolean inverse) {
    this.shape = shape;
    this.m = m;
    this.inverse = inverse;
  }

  /**
   * The splines applied to {@code x}, or undone.
   *
   * @param x n x m
   * @param params n x (m (3 bins - 1))
   * @param inverse false: y = spline(x); true: x is a spline output and the spline is undone
   * @return {@code {value, logDerivative}}, both n x m: the mapped elements and
   *     log |d value / d x| of each (so the inverse's log-derivatives are the negated forward ones)
   */
  public static Tensor[] apply(Ops ops, Tensor x, Tensor params, SplineShape shape, boolean inverse) {
    int n = x.rows();
    int m = x.cols();
    int per = shape.parametersPerElement();
    if (params.rows() != n || params.cols() != m * per) {
      throw new IllegalArgumentException("rationalQuadraticSpline: input " + n + " x " + m + " needs parameters "
          + n + " x " + (m * per) + " (" + per + " per element), got " + params.rows() + " x " + params.cols());
    }
    Tensor out = ops.rowwise(new Tensor[] {x, params}, 2 * m, (long) m * shape.bins() * 8,
        new RationalQuadraticSpline(shape, m, inverse));
    return new Tensor[] {ops.columns(out, 0, m), ops.columns(out, m, 2 * m)};
  }

  @Override
  public void forward(float[][] inputs, float[] out, int from, int to) {
    float[] x = inputs[0];
    float[] params = inputs[1];
    int per = shape.parametersPerElement();
    float bound = shape.bound();
      ElementSpline spline = new ElementSpline(shape);
      for (int i = from; i < to; i++) {
        for (int j = 0; j < m; j++) {
          float t = x[i * m + j];
          int o = i * 2 * m + j;
          if (!(t >= -bound && t <= bound)) {
            out[o] = t;
            out[o + m] = 0f;
            continue;
          }
          spline.setup(params, (i * m + j) * per);
          if (inverse) {
            double u = spline.invert(t);
            spline.partials(u);
            out[o] = (float) u;
            out[o + m] = (float) -spline.logDerivative;
          } else {
            spline.locate(t, spline.xs);
            spline.partials(t);
            out[o] = (float) spline.value;
            out[o + m] = (float) spline.logDerivative;
          }
        }
      }
  }

  @Override
  public void backward(float[][] inputs, float[] out, float[] g, float[][] gradients, int from, int to) {
    float[] x = inputs[0];
    float[] params = inputs[1];
    float[] gx = gradients[0];
    float[] gp = gradients[1];
    int per = shape.parametersPerElement();
    float bound = shape.bound();
      ElementSpline spline = new ElementSpline(shape);
      for (int i = from; i < to; i++) {
        for (int j = 0; j < m; j++) {
          float t = x[i * m + j];
          int o = i * 2 * m + j;
          double gValue = g[o];
          double gLog = g[o + m];
          if (!(t >= -bound && t <= bound)) {
            if (gx != null) {
              gx[i * m + j] += (float) gValue;
            }
            continue;
          }
          if (gValue == 0 && gLog == 0) {
            continue;
          }
          int off = (i * m + j) * per;
          spline.setup(params, off);
          double dx;
          if (inverse) {
            // implicit differentiation of y = f(x; p) at the recovered x: dx/dy = 1/f', dx/dp = -f_p / f';
            // the output -log f'(x(y, p)) adds the chain through x
            spline.partials(spline.invert(t));
            double slope = Math.exp(spline.logDerivative);
            double logSlopeX = spline.logDxi / spline.binWidth;
            double lambda = (gValue - gLog * logSlopeX) / slope;
            dx = lambda;
            if (gp != null) {
              spline.pushParameterGradients(-lambda, -gLog, gp, off);
            }
          } else {
            spline.locate(t, spline.xs);
            spline.partials(t);
            dx = (gValue * spline.valueDxi + gLog * spline.logDxi) / spline.binWidth;
            if (gp != null) {
              spline.pushParameterGradients(gValue, gLog, gp, off);
            }
          }
          if (gx != null) {
            gx[i * m + j] += (float) dx;
          }
        }
      }
  }
}
