package dev.inn.core.autodiff;

import dev.inn.api.tensor.ElementFunction;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;

/**
 * Element-wise operations of a {@link Graph}: sums, products, scaling, row broadcasts,
 * element functions and activations, each with its backward step.
 */
final class ElementwiseOps extends GraphOps {

  // an element function's cost in multiply-adds, for the decision to split it over threads
  private static final int MAP_WORK = 16;

  private final ArrayPool pool;
  private final RowParallel parallel;
  private final ElementKernels elements;

  ElementwiseOps(Graph graph) {
    super(graph);
    this.pool = graph.pool;
    this.parallel = graph.parallel;
    this.elements = graph.elements;
  }

  private static void sameShape(String op, Node a, Node b) {
    Graph.sameShape(op, a, b);
  }

  Tensor add(Tensor a, Tensor b) {
    return combine("add", a, b, 1f);
  }

  Tensor sub(Tensor a, Tensor b) {
    return combine("sub", a, b, -1f);
  }

  private Tensor combine(String op, Tensor a, Tensor b, float sign) {
    Node an = node(a);
    Node bn = node(b);
    sameShape(op, an, bn);
    Node out = result(an.rows, an.cols, an.needsGrad || bn.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = an.v[i] + sign * bn.v[i];
    }
    return record(out, kind(Part.ELEMENT_WISE, an, bn), g -> {
      if (an.needsGrad) {
        float[] ga = grad(an);
        for (int i = 0; i < size; i++) {
          ga[i] += g[i];
        }
      }
      if (bn.needsGrad) {
        float[] gb = grad(bn);
        for (int i = 0; i < size; i++) {
          gb[i] += sign * g[i];
        }
      }
    });
  }

  Tensor mul(Tensor a, Tensor b) {
    Node an = node(a);
    Node bn = node(b);
    sameShape("mul", an, bn);
    Node out = result(an.rows, an.cols, an.needsGrad || bn.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = an.v[i] * bn.v[i];
    }
    return record(out, kind(Part.ELEMENT_WISE, an, bn), g -> {
      if (an.needsGrad) {
        float[] ga = grad(an);
        for (int i = 0; i < size; i++) {
          ga[i] += g[i] * bn.v[i];
        }
      }
      if (bn.needsGrad) {
        float[] gb = grad(bn);
        for (int i = 0; i < size; i++) {
          gb[i] += g[i] * an.v[i];
        }
      }
    });
  }

  Tensor scale(Tensor a, float factor) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = an.v[i] * factor;
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i] * factor;
      }
    });
  }

  Tensor addRow(Tensor a, Tensor row) {
    Node an = node(a);
    Node r = node(row);
    if (r.rows != 1 || r.cols != an.cols) {
      throw new IllegalArgumentException("addRow: row " + r.rows + " x " + r.cols + " does not fit " + an.rows
          + " x " + an.cols);
    }
    int n = an.rows;
    int m = an.cols;
    Node out = result(n, m, an.needsGrad || r.needsGrad);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out.v[i * m + j] = an.v[i * m + j] + r.v[j];
      }
    }
    return record(out, kind(Part.ELEMENT_WISE, an, r), g -> {
      if (an.needsGrad) {
        float[] ga = grad(an);
        for (int i = 0; i < n * m; i++) {
          ga[i] += g[i];
        }
      }
      if (r.needsGrad) {
        float[] gr = grad(r);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            gr[j] += g[i * m + j];
          }
        }
      }
    });
  }

  Tensor mulRow(Tensor a, Tensor row) {
    Node an = node(a);
    Node r = node(row);
    if (r.rows != 1 || r.cols != an.cols) {
      throw new IllegalArgumentException("mulRow: row " + r.rows + " x " + r.cols + " does not fit " + an.rows
          + " x " + an.cols);
    }
    int n = an.rows;
    int m = an.cols;
    Node out = result(n, m, an.needsGrad || r.needsGrad);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out.v[i * m + j] = an.v[i * m + j] * r.v[j];
      }
    }
    return record(out, kind(Part.ELEMENT_WISE, an, r), g -> {
      if (an.needsGrad) {
        float[] ga = grad(an);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            ga[i * m + j] += g[i * m + j] * r.v[j];
          }
        }
      }
      if (r.needsGrad) {
        float[] gr = grad(r);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            gr[j] += g[i * m + j] * an.v[i * m + j];
          }
        }
      }
    });
  }

  Tensor map(Tensor a, ElementFunction f) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    // the derivative is taken with the value, while the function's terms are at hand
    float[] d = out.needsGrad ? pool.take(size) : null;
    int rows = an.rows;
    int cols = an.cols;
    if (an.symmetric) {
      // pairwise distances of a set with itself: the upper triangle, mirrored (exactly equal);
      // task t takes rows t and rows - 1 - t so every task has the same work
      int half = (rows + 1) / 2;
      parallel.run(half, (long) size * MAP_WORK / 2, (from, to) -> {
        for (int t = from; t < to; t++) {
          f.applyAll(an.v, out.v, d, t * cols + t, (t + 1) * cols);
          int u = rows - 1 - t;
          if (u != t) {
            f.applyAll(an.v, out.v, d, u * cols + u, (u + 1) * cols);
          }
        }
      });
      mirrorUpperTriangle(out.v, rows);
      if (d != null) {
        mirrorUpperTriangle(d, rows);
      }
      out.symmetric = true;
    } else {
      parallel.run(rows, (long) size * MAP_WORK, (from, to) -> f.applyAll(an.v, out.v, d, from * cols, to * cols));
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i] * d[i];
      }
    });
  }

  private static void mirrorUpperTriangle(float[] v, int n) {
    final int tile = 16;
    for (int bi = 0; bi < n; bi += tile) {
      int iEnd = Math.min(n, bi + tile);
      for (int bj = 0; bj <= bi; bj += tile) {
        int jEnd = Math.min(n, bj + tile);
        for (int i = bi; i < iEnd; i++) {
          int rowEnd = Math.min(jEnd, i);
          for (int j = bj; j < rowEnd; j++) {
            v[i * n + j] = v[j * n + i];
          }
        }
      }
    }
  }

  Tensor relu(Tensor a) {
    return leakyRelu(a, 0f);
  }

  Tensor leakyRelu(Tensor a, float slope) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    elements.leakyRelu(an.v, out.v, size, slope);
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> elements.leakyReluGradient(an.v, g, grad(an), size,
        slope));
  }

  Tensor tanh(Tensor a) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = (float) Math.tanh(an.v[i]);
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        float y = out.v[i];
        ga[i] += g[i] * (1f - y * y);
      }
    });
  }

  Tensor exp(Tensor a) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = (float) Math.exp(an.v[i]);
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i] * out.v[i];
      }
    });
  }

  Tensor square(Tensor a) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = an.v[i] * an.v[i];
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += 2f * g[i] * an.v[i];
      }
    });
  }

  Tensor sigmoid(Tensor a) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = (float) (1 / (1 + Math.exp(-an.v[i])));
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i] * out.v[i] * (1f - out.v[i]);
      }
    });
  }

  Tensor log(Tensor a) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    for (int i = 0; i < size; i++) {
      out.v[i] = (float) Math.log(an.v[i]);
    }
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i] / an.v[i];
      }
    });
  }
}
