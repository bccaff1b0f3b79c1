package dev.inn.core.autodiff;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.ElementFunction;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.RowFunction;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.ElementKernels;
import dev.inn.core.linalg.Gemm;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation over batched float matrices: the core's
 * implementation of {@link Ops}. Operations run eagerly; when recording, each one appends a
 * closure to a tape that {@link #backward} replays in reverse. Matrix products use the
 * fastest available {@link Gemm} split over rows by {@link RowParallel}. Arrays come from
 * an {@link ArrayPool}, so tensors of a graph are valid until the pool is released.
 */
public final class Graph implements Ops {

  final ArrayPool pool;
  final RowParallel parallel;
  final Gemm gemm;
  private final ElementKernels elements = ElementKernels.best();
  // an element function's cost in multiply-adds, for the decision to split it over threads
  private static final int MAP_WORK = 16;
  private final boolean recording;
  private final List<Node> tape = new ArrayList<>();
  private final List<Matrix> detached = new ArrayList<>();
  private List<Matrix> frozenDetached;
  private boolean inBackward;
  private final Map<ModelParameter, float[]> gradients;
  private final WeightTransposes transposes;

  /**
   * @param recording false for inference: no tape, no gradients
   */
  public Graph(ArrayPool pool, RowParallel parallel, boolean recording) {
    this(pool, parallel, recording, null, new WeightTransposes());
  }

  /**
   * A recording graph sharing {@code transposes} with the other graphs of a training step
   * (see {@link WeightTransposes}); {@code gradients} as in
   * {@link #Graph(ArrayPool, RowParallel, Map)}, or null for the parameters' own buffers.
   */
  public Graph(ArrayPool pool, RowParallel parallel, Map<ModelParameter, float[]> gradients,
      WeightTransposes transposes) {
    this(pool, parallel, true, gradients, transposes);
  }

  /**
   * A recording graph whose parameter gradients accumulate into {@code gradients} (one
   * buffer per trainable parameter, by identity) instead of the parameters' own buffers, so
   * that several graphs can run back-propagation on parts of a batch at the same time.
   */
  public Graph(ArrayPool pool, RowParallel parallel, Map<ModelParameter, float[]> gradients) {
    this(pool, parallel, true, gradients, new WeightTransposes());
  }

  private Graph(ArrayPool pool, RowParallel parallel, boolean recording, Map<ModelParameter, float[]> gradients,
      WeightTransposes transposes) {
    this.transposes = transposes;
    this.pool = pool;
    this.parallel = parallel;
    this.gemm = Gemm.best();
    this.recording = recording;
    this.gradients = gradients;
  }

  // ---- plumbing ----

  static Node node(Tensor t) {
    if (t instanceof Node n) {
      return n;
    }
    throw new IllegalArgumentException("tensor " + t + " was not made by this library's Ops");
  }

  Node result(int rows, int cols, boolean needsGrad) {
    long t0 = StepProfile.start();
    Node out = new Node(rows, cols, pool.take(rows * cols), recording && needsGrad);
    out.started = t0;
    return out;
  }

  /** Puts out on the tape (when it needs a gradient) and books its forward time under part. */
  Node record(Node out, Part part, Node.Backward backward) {
    out.part = part;
    if (out.needsGrad) {
      out.backward = backward;
      tape.add(out);
    }
    StepProfile.add(part, false, out.started);
    return out;
  }

  /** The profile part of an op on a and b: MMD when either derives from pairwise distances. */
  private static Part kind(Part part, Node a, Node b) {
    return a.part == Part.MMD || b.part == Part.MMD ? Part.MMD : part;
  }

  /** The gradient buffer of n, created zeroed on first use. */
  float[] grad(Node n) {
    if (n.g == null) {
      n.g = pool.takeZeroed(n.size());
    }
    return n.g;
  }

  private static void sameShape(String op, Node a, Node b) {
    if (a.rows != b.rows || a.cols != b.cols) {
      throw new IllegalArgumentException(op + ": shapes differ, " + a.rows + " x " + a.cols + " and "
          + b.rows + " x " + b.cols);
    }
  }

  /**
   * Back-propagates from a scalar {@code loss} (d loss / d loss = 1). Gradients accumulate
   * into the trainable parameters used.
   */
  public void backward(Tensor loss) {
    Node l = node(loss);
    if (l.size() != 1) {
      throw new IllegalArgumentException("backward needs a 1 x 1 loss, got " + l.rows + " x " + l.cols);
    }
    if (!recording) {
      throw new IllegalStateException("this graph does not record gradients");
    }
    grad(l)[0] += 1f;
    replayTape();
  }

  /**
   * Back-propagates from several outputs at once, output i seeded with its gradient
   * (d loss / d output, row-major) read from {@code seeds[i]} starting at {@code offsets[i]}:
   * for a graph that computes part of a loss whose rest was differentiated elsewhere (a
   * shard's network passes, seeded from the gradient of a loss on the gathered batch).
   * Gradients accumulate into the trainable parameters used.
   */
  public void backward(Tensor[] outputs, float[][] seeds, int[] offsets) {
    if (outputs.length != seeds.length || outputs.length != offsets.length) {
      throw new IllegalArgumentException("backward: " + outputs.length + " outputs, " + seeds.length + " seeds, "
          + offsets.length + " offsets");
    }
    if (!recording) {
      throw new IllegalStateException("this graph does not record gradients");
    }
    for (int i = 0; i < outputs.length; i++) {
      Node n = node(outputs[i]);
      int size = n.size();
      if (offsets[i] < 0 || offsets[i] + size > seeds[i].length) {
        throw new IllegalArgumentException("backward: seed " + i + " has no " + size + " values from offset " + offsets[i]);
      }
      if (!n.needsGrad) {
        continue;
      }
      float[] g = grad(n);
      float[] seed = seeds[i];
      int off = offsets[i];
      for (int j = 0; j < size; j++) {
        g[j] += seed[off + j];
      }
    }
    replayTape();
  }

  private void replayTape() {
    inBackward = true;
    for (int i = tape.size() - 1; i >= 0; i--) {
      Node n = tape.get(i);
      if (n.g != null) {
        long t0 = StepProfile.start();
        StepProfile.enter(n.part, true);
        n.backward.run(n.g);
        StepProfile.add(n.part, true, t0);
      }
    }
    tape.clear();
    inBackward = false;
  }

  // C (n x m) (+)= A (n x k) B (k x m), rows split over threads
  void gemm(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
    parallel.run(n, (long) n * k * m, (from, to) -> gemm.multiply(a, b, c, k, m, from, to, accumulate));
  }

  // C (k x m) (+)= A^T B for A (n x k), B (n x m), rows of C split over threads
  void gemmTransposedA(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
    parallel.run(k, (long) n * k * m, (from, to) -> gemm.multiplyTransposedA(a, b, c, n, k, m, from, to, accumulate));
  }

  /**
   * A weight's transpose, made once per step: weights do not change during a step, and
   * networks run several passes (and shards) with the same weights.
   */
  float[] transposedWeight(float[] w, int rows, int cols) {
    long t0 = StepProfile.start();
    float[] t = transposes.of(w, rows, cols);
    StepProfile.moved(Part.COPIES, t0);
    return t;
  }

  private float[] transpose(float[] a, int rows, int cols) {
    long t0 = StepProfile.start();
    float[] t = pool.take(rows * cols);
    for (int i = 0; i < rows; i++) {
      int ai = i * cols;
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[ai + j];
      }
    }
    StepProfile.moved(Part.COPIES, t0);
    return t;
  }

  // ---- Ops ----

  @Override
  public Tensor constant(Matrix value) {
    long t0 = StepProfile.start();
    Node out = new Node(value.rows(), value.cols(), pool.take(value.rows() * value.cols()), false);
    System.arraycopy(value.data(), 0, out.v, 0, out.v.length);
    StepProfile.add(Part.COPIES, false, t0);
    return out;
  }

  /**
   * The rows of {@code parts} (tensors of other graphs, e.g. the shards of a batch) stacked in
   * order, as an input of this graph whose gradient back-propagation computes (read it with
   * {@link #gradient}): for a loss that is differentiated here on the gathered rows and
   * back-propagated into each part's own graph.
   */
  public Tensor gather(List<Tensor> parts) {
    long t0 = StepProfile.start();
    int cols = node(parts.get(0)).cols;
    int rows = 0;
    for (Tensor t : parts) {
      Node n = node(t);
      if (n.cols != cols) {
        throw new IllegalArgumentException("gather: parts of " + cols + " and " + n.cols + " columns");
      }
      rows += n.rows;
    }
    Node out = new Node(rows, cols, pool.take(rows * cols), recording);
    int offset = 0;
    for (Tensor t : parts) {
      Node n = node(t);
      System.arraycopy(n.v, 0, out.v, offset, n.size());
      offset += n.size();
    }
    StepProfile.add(Part.COPIES, false, t0);
    return out;
  }

  /**
   * The gradient of the last {@link #backward} with respect to {@code t} (a {@link #variable}
   * or any recorded tensor), zeros when the loss did not depend on it. The array belongs to the
   * graph's pool: read it before the pool is released.
   */
  public float[] gradient(Tensor t) {
    Node n = node(t);
    return grad(n);
  }

  @Override
  public Tensor use(Parameter parameter) {
    if (!(parameter instanceof ModelParameter p)) {
      throw new IllegalArgumentException("parameter " + parameter.name() + " was not created by this library");
    }
    Node out = new Node(p.rows(), p.cols(), p.data(), recording && p.trainable());
    if (out.needsGrad) {
      out.g = gradients == null ? p.gradient() : gradients.get(p);
      if (out.g == null) {
        throw new IllegalArgumentException("parameter " + p.name() + " has no gradient buffer in this graph");
      }
    }
    return out;
  }

  @Override
  public Tensor linear(Tensor x, Parameter weight, Parameter bias) {
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

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
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

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return combine("add", a, b, 1f);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
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

  @Override
  public Tensor mul(Tensor a, Tensor b) {
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

  @Override
  public Tensor scale(Tensor a, float factor) {
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

  @Override
  public Tensor addRow(Tensor a, Tensor row) {
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

  @Override
  public Tensor mulRow(Tensor a, Tensor row) {
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

  @Override
  public Tensor map(Tensor a, ElementFunction f) {
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

  // lower triangle of a square n x n matrix := its upper triangle, in tiles so reads by column stay in cache
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

  @Override
  public Tensor relu(Tensor a) {
    return leakyRelu(a, 0f);
  }

  @Override
  public Tensor leakyRelu(Tensor a, float slope) {
    Node an = node(a);
    Node out = result(an.rows, an.cols, an.needsGrad);
    int size = out.size();
    elements.leakyRelu(an.v, out.v, size, slope);
    return record(out, kind(Part.ELEMENT_WISE, an, an), g -> elements.leakyReluGradient(an.v, g, grad(an), size,
        slope));
  }

  @Override
  public Tensor tanh(Tensor a) {
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

  @Override
  public Tensor exp(Tensor a) {
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

  @Override
  public Tensor square(Tensor a) {
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

  @Override
  public Tensor columns(Tensor a, int from, int to) {
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

  @Override
  public Tensor concatColumns(Tensor... parts) {
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

  @Override
  public Tensor permuteColumns(Tensor a, int[] order) {
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

  @Override
  public Tensor sumColumns(Tensor a) {
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

  @Override
  public Tensor sum(Tensor a) {
    return total(a, 1f);
  }

  @Override
  public Tensor mean(Tensor a) {
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

  @Override
  public Tensor squaredDistances(Tensor a, Tensor b) {
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

  @Override
  public Tensor rowwise(Tensor[] inputs, int columns, long workPerRow, RowFunction function) {
    Node[] in = new Node[inputs.length];
    float[][] values = new float[inputs.length][];
    boolean needsGrad = false;
    for (int k = 0; k < inputs.length; k++) {
      in[k] = node(inputs[k]);
      values[k] = in[k].v;
      needsGrad |= in[k].needsGrad;
      if (in[k].rows != in[0].rows) {
        throw new IllegalArgumentException("rowwise: input " + k + " has " + in[k].rows + " rows, input 0 has "
            + in[0].rows);
      }
    }
    int n = in[0].rows;
    long work = n * workPerRow;
    Node out = result(n, columns, needsGrad);
    StepProfile.enter(Part.ROW_FUNCTIONS, false);
    parallel.run(n, work, (from, to) -> function.forward(values, out.v, from, to));
    record(out, Part.ROW_FUNCTIONS, g -> {
      float[][] gradients = new float[in.length][];
      for (int k = 0; k < in.length; k++) {
        gradients[k] = in[k].needsGrad ? grad(in[k]) : null;
      }
      parallel.run(n, work, (from, to) -> function.backward(values, out.v, g, gradients, from, to));
    });
    return out;
  }

  @Override
  public Tensor sigmoid(Tensor a) {
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

  @Override
  public Tensor log(Tensor a) {
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

  // ---- ragged batches: kernels in their own classes ----

  @Override
  public Tensor reshape(Tensor a, int rows, int cols) {
    return RaggedOps.reshape(this, node(a), rows, cols);
  }

  @Override
  public Tensor pool(Tensor elements, int[] lengths, Pooling pooling) {
    return RaggedOps.pool(this, node(elements), lengths, pooling);
  }

  @Override
  public Tensor attentionPool(Tensor queries, Tensor keys, Tensor values, int[] lengths, int heads) {
    return RaggedOps.attentionPool(this, node(queries), node(keys), node(values), lengths, heads);
  }

  @Override
  public Tensor conv1d(Tensor padded, int[] lengths, Parameter weight, Parameter bias, int kernel, int dilation) {
    return Convolution1d.apply(this, node(padded), lengths, node(use(weight)), node(use(bias)), kernel, dilation);
  }

  @Override
  public Tensor gru(Tensor padded, int[] lengths, Parameter inputWeight, Parameter recurrentWeight,
      Parameter inputBias, Parameter recurrentBias) {
    return GatedRecurrentUnit.apply(this, node(padded), lengths, node(use(inputWeight)), node(use(recurrentWeight)),
        node(use(inputBias)), node(use(recurrentBias)));
  }

  @Override
  public Tensor detach(Tensor a) {
    Node an = node(a);
    if (frozenDetached != null) {
      // replay mode: a detached value is a constant, so hold it at the reference evaluation's value
      Matrix m = frozenDetached.get(detached.size());
      detached.add(m);
      return constant(m);
    }
    detached.add(an.value());
    return new Node(an.rows, an.cols, an.v, false);
  }

  /** The values passed through {@link #detach} so far, in call order. */
  public List<Matrix> detachedValues() {
    return List.copyOf(detached);
  }

  /**
   * Makes later {@link #detach} calls return the given values (in call order) instead of
   * their inputs. For gradient checks: finite differences of a loss with stop-gradients must
   * hold the detached values fixed, exactly as back-propagation treats them.
   */
  public void freezeDetached(List<Matrix> values) {
    this.frozenDetached = List.copyOf(values);
  }
}
