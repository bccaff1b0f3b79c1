package dev.inn.core.linalg;

/**
 * Element-wise loops the autodiff runs on every hidden layer, where a data-dependent branch
 * per element (ReLU's sign) costs more than the arithmetic: the Vector API version selects
 * with masks, the portable one with plain loops. Both give identical results.
 */
public interface ElementKernels {

  /** out[i] = x[i] > 0 ? x[i] : slope * x[i]. */
  void leakyRelu(float[] x, float[] out, int n, float slope);

  /** gx[i] += x[i] > 0 ? g[i] : slope * g[i]. */
  void leakyReluGradient(float[] x, float[] g, float[] gx, int n, float slope);

  /**
   * The soft clamp (2 alpha / pi) atan(x / alpha) of x[from, to) into out and, when slope is not
   * null, its derivative 2 / (pi (1 + (x / alpha)^2)) into slope. atan is a float polynomial
   * (about one ulp; Math.atan is no JIT intrinsic and took a fifth of an INN's sampling time).
   */
  void atanClamp(float[] x, float[] out, float[] slope, int from, int to, float alpha);

  /**
   * a[i] := sigmoid(a[i]) for i in [from, to), or with {@code tanh} a[i] := tanh(a[i]) (as
   * 2 sigmoid(2 a) - 1), in place; exp is a float polynomial of about one ulp, the same in
   * both kernels (the gates of recurrent cells).
   */
  void sigmoid(float[] a, int from, int to, boolean tanh);

  /** into[intoFrom + i] += x[xFrom + i] for i in [0, n): a scatter of a gradient back onto its input. */
  void addInto(float[] x, int xFrom, float[] into, int intoFrom, int n);

  /**
   * into[j] += a[r * cols + j], row by row in order, for rows r in [0, rows): a bias gradient,
   * each element summed in the same order as the plain loop.
   */
  void columnSums(float[] a, int rows, int cols, float[] into);

  /** One element of {@link #sigmoid}, the same arithmetic. */
  static float sigmoid(float a, boolean tanh) {
    return tanh ? ExpPolynomial.tanh(a) : ExpPolynomial.sigmoid(a);
  }

  /** One element of {@link #atanClamp}'s value, the same arithmetic. */
  static float atanClamp(float x, float alpha) {
    return alpha * AtanPolynomial.TWO_OVER_PI * AtanPolynomial.atan(x / alpha);
  }

  /** One element of {@link #atanClamp}'s slope, the same arithmetic. */
  static float atanClampSlope(float x, float alpha) {
    float v = x / alpha;
    return AtanPolynomial.TWO_OVER_PI / Math.fma(v, v, 1f);
  }

  /** The Vector API kernels when the module is present (see {@link Gemm#best()}), else loops. */
  static ElementKernels best() {
    return GemmHolder.ELEMENTS;
  }

  /** Plain loops. */
  final class Scalar implements ElementKernels {
    @Override
    public void sigmoid(float[] a, int from, int to, boolean tanh) {
      for (int i = from; i < to; i++) {
        a[i] = ElementKernels.sigmoid(a[i], tanh);
      }
    }

    @Override
    public void atanClamp(float[] x, float[] out, float[] slope, int from, int to, float alpha) {
      AtanPolynomial.atanClamp(x, out, slope, from, to, alpha);
    }

    @Override
    public void addInto(float[] x, int xFrom, float[] into, int intoFrom, int n) {
      for (int i = 0; i < n; i++) {
        into[intoFrom + i] += x[xFrom + i];
      }
    }

    @Override
    public void columnSums(float[] a, int rows, int cols, float[] into) {
      for (int r = 0; r < rows; r++) {
        int o = r * cols;
        for (int j = 0; j < cols; j++) {
          into[j] += a[o + j];
        }
      }
    }

    @Override
    public void leakyRelu(float[] x, float[] out, int n, float slope) {
      for (int i = 0; i < n; i++) {
        float v = x[i];
        out[i] = v > 0 ? v : slope * v;
      }
    }

    @Override
    public void leakyReluGradient(float[] x, float[] g, float[] gx, int n, float slope) {
      for (int i = 0; i < n; i++) {
        gx[i] += x[i] > 0 ? g[i] : slope * g[i];
      }
    }
  }
}
