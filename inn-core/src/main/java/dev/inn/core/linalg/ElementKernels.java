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

  /** The Vector API kernels when the module is present (see {@link Gemm#best()}), else loops. */
  static ElementKernels best() {
    return GemmHolder.ELEMENTS;
  }

  /** Plain loops. */
  final class Scalar implements ElementKernels {
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
