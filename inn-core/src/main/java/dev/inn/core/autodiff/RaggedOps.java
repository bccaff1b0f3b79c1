package dev.inn.core.autodiff;

import dev.inn.api.tensor.Ops.Pooling;
import dev.inn.core.profile.StepProfile.Part;

/**
 * The light operations on ragged batches (see {@link dev.inn.api.tensor.Ops}): reshaping,
 * masked pooling and attention pooling. Padding slots are skipped in both directions, so
 * their values never reach a result and get no gradient.
 */
final class RaggedOps {

  private RaggedOps() {}

  /**
   * The number of element slots per row, L, of a batch of {@code lengths.length} rows held in
   * {@code total} slots, after checking every length lies in [min, L].
   */
  static int slots(String op, int total, int[] lengths, int min) {
    int b = lengths.length;
    if (b == 0 || total % b != 0) {
      throw new IllegalArgumentException(op + ": " + total + " element slots do not split into " + b + " rows");
    }
    int slots = total / b;
    for (int i = 0; i < b; i++) {
      if (lengths[i] < min || lengths[i] > slots) {
        throw new IllegalArgumentException(op + ": row " + i + " has length " + lengths[i] + ", outside [" + min
            + ", " + slots + "] (" + slots + " slots per row" + (min > 0 ? ", an empty row has no value" : "") + ")");
      }
    }
    return slots;
  }

  // rows per block of a long weight-gradient product: both factors' blocks stay in cache
  static final int BLOCK_ROWS = 256;

  /**
   * C (k x m) += A^T B for A (n x k) and B (n x m) with n in the thousands (every step of every
   * sequence): the product runs over blocks of rows, since the kernel streams all of B once per
   * four rows of C, which for n = 12 800 left it waiting on memory (4-5x slower, measured).
   */
  static void weightGradient(Graph graph, float[] a, float[] b, float[] c, int n, int k, int m) {
    if (n <= BLOCK_ROWS) {
      graph.gemmTransposedA(a, b, c, n, k, m, true);
      return;
    }
    float[] blockA = graph.pool.take(BLOCK_ROWS * k);
    float[] blockB = graph.pool.take(BLOCK_ROWS * m);
    for (int from = 0; from < n; from += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, n - from);
      System.arraycopy(a, from * k, blockA, 0, rows * k);
      System.arraycopy(b, from * m, blockB, 0, rows * m);
      graph.gemmTransposedA(blockA, blockB, c, rows, k, m, true);
    }
  }

  static Node reshape(Graph graph, Node a, int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols != a.size()) {
      throw new IllegalArgumentException("reshape: " + a.rows + " x " + a.cols + " cannot be read as " + rows + " x "
          + cols);
    }
    Node out = graph.result(rows, cols, a.needsGrad);
    int size = out.size();
    System.arraycopy(a.v, 0, out.v, 0, size);
    return graph.record(out, Part.COPIES, g -> {
      float[] ga = graph.grad(a);
      for (int i = 0; i < size; i++) {
        ga[i] += g[i];
      }
    });
  }

  static Node pool(Graph graph, Node x, int[] lengths, Pooling pooling) {
    int slots = slots("pool", x.rows, lengths, pooling == Pooling.SUM ? 0 : 1);
    int b = lengths.length;
    int w = x.cols;
    Node out = graph.result(b, w, x.needsGrad);
    // the element that attained each maximum, for the gradient
    int[] argmax = pooling == Pooling.MAX ? new int[b * w] : null;
    for (int i = 0; i < b; i++) {
      int o = i * w;
      int first = i * slots * w;
      int n = lengths[i];
      if (pooling == Pooling.MAX) {
        System.arraycopy(x.v, first, out.v, o, w);
        for (int j = 0; j < w; j++) {
          argmax[o + j] = first + j;
        }
        for (int e = 1; e < n; e++) {
          int row = first + e * w;
          for (int j = 0; j < w; j++) {
            if (x.v[row + j] > out.v[o + j]) {
              out.v[o + j] = x.v[row + j];
              argmax[o + j] = row + j;
            }
          }
        }
      } else {
        java.util.Arrays.fill(out.v, o, o + w, 0f);
        for (int e = 0; e < n; e++) {
          int row = first + e * w;
          for (int j = 0; j < w; j++) {
            out.v[o + j] += x.v[row + j];
          }
        }
        if (pooling == Pooling.MEAN) {
          float inv = 1f / n;
          for (int j = 0; j < w; j++) {
            out.v[o + j] *= inv;
          }
        }
      }
    }
    return graph.record(out, Part.RAGGED, g -> {
      float[] gx = graph.grad(x);
      for (int i = 0; i < b; i++) {
        int o = i * w;
        if (pooling == Pooling.MAX) {
          for (int j = 0; j < w; j++) {
            gx[argmax[o + j]] += g[o + j];
          }
          continue;
        }
        int n = lengths[i];
        float f = pooling == Pooling.MEAN ? 1f / n : 1f;
        int first = i * slots * w;
        for (int e = 0; e < n; e++) {
          int row = first + e * w;
          for (int j = 0; j < w; j++) {
            gx[row + j] += f * g[o + j];
          }
        }
      }
    });
  }

  static Node attentionPool(Graph graph, Node q, Node k, Node v, int[] lengths, int heads) {
    int d = q.cols;
    int dv = v.cols;
    if (heads < 1 || d % heads != 0 || dv % heads != 0) {
      throw new IllegalArgumentException("attentionPool: " + heads + " heads do not split query width " + d
          + " and value width " + dv);
    }
    if (k.cols != d || k.rows != v.rows) {
      throw new IllegalArgumentException("attentionPool: queries " + q.rows + " x " + d + ", keys " + k.rows + " x "
          + k.cols + " and values " + v.rows + " x " + dv + " do not fit");
    }
    int slots = slots("attentionPool", k.rows, lengths, 1);
    int b = lengths.length;
    int s = q.rows;
    int dh = d / heads;
    int dvh = dv / heads;
    float scale = (float) (1 / Math.sqrt(dh));
    Node out = graph.result(b, s * dv, q.needsGrad || k.needsGrad || v.needsGrad);
    java.util.Arrays.fill(out.v, 0f);
    // attention weights, (row, query, head, slot); slots past a row's length unused
    float[] att = graph.pool.take(b * s * heads * slots);
    for (int i = 0; i < b; i++) {
      int n = lengths[i];
      for (int qi = 0; qi < s; qi++) {
        for (int h = 0; h < heads; h++) {
          int a0 = ((i * s + qi) * heads + h) * slots;
          int qo = qi * d + h * dh;
          float max = Float.NEGATIVE_INFINITY;
          for (int e = 0; e < n; e++) {
            int ko = (i * slots + e) * d + h * dh;
            float dot = 0f;
            for (int c = 0; c < dh; c++) {
              dot += q.v[qo + c] * k.v[ko + c];
            }
            att[a0 + e] = dot * scale;
            max = Math.max(max, att[a0 + e]);
          }
          float total = 0f;
          for (int e = 0; e < n; e++) {
            att[a0 + e] = (float) Math.exp(att[a0 + e] - max);
            total += att[a0 + e];
          }
          int oo = i * s * dv + qi * dv + h * dvh;
          for (int e = 0; e < n; e++) {
            att[a0 + e] /= total;
            float a = att[a0 + e];
            int vo = (i * slots + e) * dv + h * dvh;
            for (int c = 0; c < dvh; c++) {
              out.v[oo + c] += a * v.v[vo + c];
            }
          }
        }
      }
    }
    return graph.record(out, Part.RAGGED, g -> {
      float[] gq = q.needsGrad ? graph.grad(q) : null;
      float[] gk = k.needsGrad ? graph.grad(k) : null;
      float[] gv = v.needsGrad ? graph.grad(v) : null;
      float[] ga = new float[slots];
      for (int i = 0; i < b; i++) {
        int n = lengths[i];
        for (int qi = 0; qi < s; qi++) {
          for (int h = 0; h < heads; h++) {
            int a0 = ((i * s + qi) * heads + h) * slots;
            int oo = i * s * dv + qi * dv + h * dvh;
            int qo = qi * d + h * dh;
            // d loss / d weight e, and the weights' mean of it (the softmax's Jacobian)
            float mean = 0f;
            for (int e = 0; e < n; e++) {
              int vo = (i * slots + e) * dv + h * dvh;
              float a = att[a0 + e];
              float dot = 0f;
              for (int c = 0; c < dvh; c++) {
                dot += g[oo + c] * v.v[vo + c];
                if (gv != null) {
                  gv[vo + c] += a * g[oo + c];
                }
              }
              ga[e] = dot;
              mean += a * dot;
            }
            for (int e = 0; e < n; e++) {
              float dScore = att[a0 + e] * (ga[e] - mean) * scale;
              int ko = (i * slots + e) * d + h * dh;
              for (int c = 0; c < dh; c++) {
                if (gq != null) {
                  gq[qo + c] += dScore * k.v[ko + c];
                }
                if (gk != null) {
                  gk[ko + c] += dScore * q.v[qo + c];
                }
              }
            }
          }
        }
      }
    });
  }
}
