package dev.inn.core.autodiff;

import dev.inn.api.tensor.Tensor;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;

/**
 * Column operations and reductions of a {@link Graph}: column slices, concatenation,
 * permutation, row sums and totals, each with its backward step.
 */
final class ColumnOps extends GraphOps {


  ColumnOps(Graph graph) {
    super(graph);
  }

  Tensor columns(Tensor a, int from, int to) {
    Node an = node(a);
    if (from < 0 || to > an.cols || from >= to) {
      throw new IllegalArgumentException("columns " + from + ".." + to + " out of range for " + an.rows + " x "
          + an.cols);
    }
    int n = an.rows;
    int w = to - from;
    int m = an.cols;
    Node out = result(n, w, an.needsGrad);
    for (int i = 0; i < n; i++) {
      System.arraycopy(an.v, i * m + from, out.v, i * w, w);
    }
    return record(out, kind(Part.COPIES, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < n; i++) {
        int gi = i * m + from;
        int oi = i * w;
        for (int j = 0; j < w; j++) {
          ga[gi + j] += g[oi + j];
        }
      }
    });
  }

  Tensor concatColumns(Tensor... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("concatColumns needs at least one part");
    }
    Node[] ns = new Node[parts.length];
    int n = node(parts[0]).rows;
    int width = 0;
    boolean needs = false;
    for (int p = 0; p < parts.length; p++) {
      ns[p] = node(parts[p]);
      if (ns[p].rows != n) {
        throw new IllegalArgumentException("concatColumns: part " + p + " has " + ns[p].rows + " rows, part 0 has "
            + n);
      }
      width += ns[p].cols;
      needs |= ns[p].needsGrad;
    }
    int w = width;
    Node out = result(n, w, needs);
    int offset = 0;
    int[] offsets = new int[ns.length];
    for (int p = 0; p < ns.length; p++) {
      offsets[p] = offset;
      int c = ns[p].cols;
      for (int i = 0; i < n; i++) {
        System.arraycopy(ns[p].v, i * c, out.v, i * w + offset, c);
      }
      offset += c;
    }
    return record(out, Part.COPIES, g -> {
      for (int p = 0; p < ns.length; p++) {
        Node part = ns[p];
        if (!part.needsGrad) {
          continue;
        }
        float[] gp = grad(part);
        int c = part.cols;
        for (int i = 0; i < n; i++) {
          int src = i * w + offsets[p];
          int dst = i * c;
          for (int j = 0; j < c; j++) {
            gp[dst + j] += g[src + j];
          }
        }
      }
    });
  }

  Tensor permuteColumns(Tensor a, int[] order) {
    Node an = node(a);
    int m = an.cols;
    if (order.length != m) {
      throw new IllegalArgumentException("permutation of " + order.length + " columns applied to " + m + " columns");
    }
    int n = an.rows;
    Node out = result(n, m, an.needsGrad);
    for (int i = 0; i < n; i++) {
      int base = i * m;
      for (int j = 0; j < m; j++) {
        out.v[base + j] = an.v[base + order[j]];
      }
    }
    return record(out, kind(Part.COPIES, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < n; i++) {
        int base = i * m;
        for (int j = 0; j < m; j++) {
          ga[base + order[j]] += g[base + j];
        }
      }
    });
  }

  Tensor sumColumns(Tensor a) {
    Node an = node(a);
    int n = an.rows;
    int m = an.cols;
    Node out = result(n, 1, an.needsGrad);
    for (int i = 0; i < n; i++) {
      float s = 0f;
      for (int j = 0; j < m; j++) {
        s += an.v[i * m + j];
      }
      out.v[i] = s;
    }
    return record(out, kind(Part.REDUCTIONS, an, an), g -> {
      float[] ga = grad(an);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          ga[i * m + j] += g[i];
        }
      }
    });
  }

  Tensor sum(Tensor a) {
    return total(a, 1f);
  }

  Tensor mean(Tensor a) {
    return total(a, 1f / node(a).size());
  }

  private Tensor total(Tensor a, float factor) {
    Node an = node(a);
    int size = an.size();
    Node out = result(1, 1, an.needsGrad);
    double s = 0;
    for (int i = 0; i < size; i++) {
      s += an.v[i];
    }
    out.v[0] = (float) (s * factor);
    return record(out, kind(Part.REDUCTIONS, an, an), g -> {
      float[] ga = grad(an);
      float gv = g[0] * factor;
      for (int i = 0; i < size; i++) {
        ga[i] += gv;
      }
    });
  }
}
