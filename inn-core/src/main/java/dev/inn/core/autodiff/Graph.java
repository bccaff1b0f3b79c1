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
 * an {@link ArrayPool}, so tensors of a graph are valid until the pool is released. The tape,
 * gradients and plumbing live here; the operations live with their concept
 * ({@link ElementwiseOps}, {@link ColumnOps}, {@link MatrixProducts}, {@link RaggedOps},
 * {@link Convolution1d}, {@link GatedRecurrentUnit}), and a block's own kernel comes through
 * {@link #rowwise}.
 */
public final class Graph implements Ops {

  final ArrayPool pool;
  final RowParallel parallel;
  final Gemm gemm;
  final ElementKernels elements = ElementKernels.best();
  // the operations by concept, each with its backward steps; made once the fields they read are set
  private final ElementwiseOps elementwise;
  private final ColumnOps columnOps;
  private final MatrixProducts products;
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
    this.elementwise = new ElementwiseOps(this);
    this.columnOps = new ColumnOps(this);
    this.products = new MatrixProducts(this);
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
  static Part kind(Part part, Node a, Node b) {
    return a.part == Part.MMD || b.part == Part.MMD ? Part.MMD : part;
  }

  /** The gradient buffer of n, created zeroed on first use. */
  float[] grad(Node n) {
    if (n.g == null) {
      n.g = pool.takeZeroed(n.size());
    }
    return n.g;
  }

  static void sameShape(String op, Node a, Node b) {
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

  float[] transpose(float[] a, int rows, int cols) {
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
    return products.linear(x, weight, bias);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return products.matmul(a, b);
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return elementwise.add(a, b);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return elementwise.sub(a, b);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return elementwise.mul(a, b);
  }

  @Override
  public Tensor scale(Tensor a, float factor) {
    return elementwise.scale(a, factor);
  }

  @Override
  public Tensor addRow(Tensor a, Tensor row) {
    return elementwise.addRow(a, row);
  }

  @Override
  public Tensor mulRow(Tensor a, Tensor row) {
    return elementwise.mulRow(a, row);
  }

  @Override
  public Tensor map(Tensor a, ElementFunction f) {
    return elementwise.map(a, f);
  }

  // lower triangle of a square n x n matrix := its upper triangle, in tiles so reads by column stay in cache

  @Override
  public Tensor relu(Tensor a) {
    return elementwise.relu(a);
  }

  @Override
  public Tensor leakyRelu(Tensor a, float slope) {
    return elementwise.leakyRelu(a, slope);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return elementwise.tanh(a);
  }

  @Override
  public Tensor exp(Tensor a) {
    return elementwise.exp(a);
  }

  @Override
  public Tensor square(Tensor a) {
    return elementwise.square(a);
  }

  @Override
  public Tensor columns(Tensor a, int from, int to) {
    return columnOps.columns(a, from, to);
  }

  @Override
  public Tensor concatColumns(Tensor... parts) {
    return columnOps.concatColumns(parts);
  }

  @Override
  public Tensor permuteColumns(Tensor a, int[] order) {
    return columnOps.permuteColumns(a, order);
  }

  @Override
  public Tensor sumColumns(Tensor a) {
    return columnOps.sumColumns(a);
  }

  @Override
  public Tensor sum(Tensor a) {
    return columnOps.sum(a);
  }

  @Override
  public Tensor mean(Tensor a) {
    return columnOps.mean(a);
  }

  @Override
  public Tensor squaredDistances(Tensor a, Tensor b) {
    return products.squaredDistances(a, b);
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
    return elementwise.sigmoid(a);
  }

  @Override
  public Tensor log(Tensor a) {
    return elementwise.log(a);
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
