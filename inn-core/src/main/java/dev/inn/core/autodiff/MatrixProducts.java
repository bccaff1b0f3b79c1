package dev.inn.core.autodiff;

import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.Gemm;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;

/**
 * The matrix-product operations of a {@link Graph}: linear layers, products and pairwise
 * squared distances, each with its backward step.
 */
final class MatrixProducts extends GraphOps {

  private final ArrayPool pool;
  private final RowParallel parallel;
  private final Gemm gemm;

  MatrixProducts(Graph graph) {
    super(graph);
    this.pool = graph.pool;
    this.parallel = graph.parallel;
    this.gemm = graph.gemm;
  }

  private void gemm(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
    graph.gemm(a, b, c, n, k, m, accumulate);
  }

  private void gemmTransposedA(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
    graph.gemmTransposedA(a, b, c, n, k, m, accumulate);
  }

  private float[] transposedWeight(float[] w, int rows, int cols) {
    return graph.transposedWeight(w, rows, cols);
  }

  private float[] transpose(float[] a, int rows, int cols) {
    return graph.transpose(a, rows, cols);
  }

  private Tensor use(Parameter parameter) {
    return graph.use(parameter);
  }

  Tensor linear(Tensor x, Parameter weight, Parameter bias) {
    Node w = node(use(weight));
    Node b = node(use(bias));
    Node xn = node(x);
    if (xn.cols != w.rows || b.rows != 1 || b.cols != w.cols) {
      throw new IllegalArgumentException("linear: input " + xn.rows + " x " + xn.cols + ", weight " + w.rows
          + " x " + w.cols + ", bias " + b.rows + " x " + b.cols + " do not fit");
    }
    int n = xn.rows;
    int k = w.rows;
    int m = w.cols;
    Node out = result(n, m, xn.needsGrad || w.needsGrad || b.needsGrad);
    StepProfile.enter(Part.MATRIX_PRODUCTS, false);
    for (int i = 0; i < n; i++) {
      System.arraycopy(b.v, 0, out.v, i * m, m);
    }
    gemm(xn.v, w.v, out.v, n, k, m, true);
    return record(out, Part.MATRIX_PRODUCTS, g -> {
      if (xn.needsGrad) {
        gemm(g, transposedWeight(w.v, k, m), grad(xn), n, m, k, true);
      }
      if (w.needsGrad) {
        gemmTransposedA(xn.v, g, w.g, n, k, m, true);
      }
      if (b.needsGrad) {
        float[] gb = b.g;
        for (int i = 0; i < n; i++) {
          int gi = i * m;
          for (int j = 0; j < m; j++) {
            gb[j] += g[gi + j];
          }
        }
      }
    });
  }

  Tensor matmul(Tensor a, Tensor b) {
    Node an = node(a);
    Node bn = node(b);
    if (an.cols != bn.rows) {
      throw new IllegalArgumentException("matmul: " + an.rows + " x " + an.cols + " times " + bn.rows + " x "
          + bn.cols + " do not fit");
    }
    int n = an.rows;
    int k = an.cols;
    int m = bn.cols;
    Node out = result(n, m, an.needsGrad || bn.needsGrad);
    StepProfile.enter(Part.MATRIX_PRODUCTS, false);
    gemm(an.v, bn.v, out.v, n, k, m, false);
    return record(out, kind(Part.MATRIX_PRODUCTS, an, bn), g -> {
      if (an.needsGrad) {
        gemm(g, transpose(bn.v, k, m), grad(an), n, m, k, true);
      }
      if (bn.needsGrad) {
        gemmTransposedA(an.v, g, grad(bn), n, k, m, true);
      }
    });
  }

  Tensor squaredDistances(Tensor a, Tensor b) {
    Node an = node(a);
    Node bn = node(b);
    if (an.cols != bn.cols) {
      throw new IllegalArgumentException("squaredDistances: rows of width " + an.cols + " and " + bn.cols);
    }
    int n = an.rows;
    int m = bn.rows;
    int d = an.cols;
    Node out = result(n, m, an.needsGrad || bn.needsGrad);
    StepProfile.enter(Part.MMD, false);
    float[] bt = transpose(bn.v, m, d);
    out.symmetric = an == bn;
    float[] na = norms(an);
    float[] nb = an == bn ? na : norms(bn);
    // each thread turns its own rows of the products into distances while they are in cache
    parallel.run(n, (long) n * d * m, (from, to) -> {
      gemm.multiply(an.v, bt, out.v, d, m, from, to, false);
      for (int i = from; i < to; i++) {
        for (int j = 0; j < m; j++) {
          float v = na[i] + nb[j] - 2f * out.v[i * m + j];
          out.v[i * m + j] = v > 0f ? v : 0f;
        }
      }
    });
    return record(out, Part.MMD, g -> {
      // d D_ij / d a_i = 2 (a_i - b_j); d D_ij / d b_j = 2 (b_j - a_i)
      if (an.needsGrad) {
        float[] ga = grad(an);
        float[] gB = pool.take(n * d);
        parallel.run(n, (long) n * m * d, (from, to) -> {
          gemm.multiply(g, bn.v, gB, m, d, from, to, false);
          for (int i = from; i < to; i++) {
            float rs = 0f;
            for (int j = 0; j < m; j++) {
              rs += g[i * m + j];
            }
            for (int c = 0; c < d; c++) {
              ga[i * d + c] += 2f * (an.v[i * d + c] * rs - gB[i * d + c]);
            }
          }
        });
      }
      if (bn.needsGrad) {
        float[] gb = grad(bn);
        float[] gA = pool.take(m * d);
        gemmTransposedA(g, an.v, gA, n, m, d, false);
        float[] colSums = pool.takeZeroed(m);
        for (int i = 0; i < n; i++) {
          int gi = i * m;
          for (int j = 0; j < m; j++) {
            colSums[j] += g[gi + j];
          }
        }
        for (int j = 0; j < m; j++) {
          float cs = colSums[j];
          for (int c = 0; c < d; c++) {
            gb[j * d + c] += 2f * (bn.v[j * d + c] * cs - gA[j * d + c]);
          }
        }
      }
    });
  }

  private float[] norms(Node a) {
    float[] out = pool.take(a.rows);
    for (int i = 0; i < a.rows; i++) {
      float s = 0f;
      for (int c = 0; c < a.cols; c++) {
        float v = a.v[i * a.cols + c];
        s += v * v;
      }
      out[i] = s;
    }
    return out;
  }
}
