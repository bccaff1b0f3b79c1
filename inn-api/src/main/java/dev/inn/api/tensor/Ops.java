package dev.inn.api.tensor;

import dev.inn.api.data.Matrix;

/**
 * Differentiable operations on batches. A block or a loss written with these gets its
 * gradients (reverse mode) for free, in both the forward and the inverse direction. All
 * operations act row-wise on a batch unless stated otherwise; shapes are checked and a
 * mismatch names both shapes.
 */
public interface Ops {

  /** A constant (no gradient). */
  Tensor constant(Matrix value);

  /** The current value of a parameter; gradients accumulate into it. */
  Tensor use(Parameter parameter);

  /** {@code x W + b} for weights W (in x out) and bias b (1 x out). */
  Tensor linear(Tensor x, Parameter weight, Parameter bias);

  /** Matrix product a (n x k) times b (k x m). */
  Tensor matmul(Tensor a, Tensor b);

  /** Element-wise {@code a + b} (same shapes). */
  Tensor add(Tensor a, Tensor b);

  /** Element-wise {@code a - b} (same shapes). */
  Tensor sub(Tensor a, Tensor b);

  /** Element-wise product. */
  Tensor mul(Tensor a, Tensor b);

  /** {@code a * factor}. */
  Tensor scale(Tensor a, float factor);

  /** {@code a + b} where b is 1 x cols, added to every row. */
  Tensor addRow(Tensor a, Tensor row);

  /** {@code a * row} where row is 1 x cols, multiplying every row element-wise. */
  Tensor mulRow(Tensor a, Tensor row);

  /** An element-wise function. */
  Tensor map(Tensor a, ElementFunction f);

  /** Element-wise max(a, 0). */
  Tensor relu(Tensor a);

  /** Element-wise a for a > 0, else {@code slope * a}. */
  Tensor leakyRelu(Tensor a, float slope);

  /** Element-wise hyperbolic tangent. */
  Tensor tanh(Tensor a);

  /** Element-wise exponential. */
  Tensor exp(Tensor a);

  /** {@code a * a}. */
  Tensor square(Tensor a);

  /** Columns {@code from} (inclusive) to {@code to} (exclusive). */
  Tensor columns(Tensor a, int from, int to);

  /** Parts side by side; all must have the same number of rows. */
  Tensor concatColumns(Tensor... parts);

  /** Output column j is input column {@code order[j]}. */
  Tensor permuteColumns(Tensor a, int[] order);

  /** Row sums: n x 1. */
  Tensor sumColumns(Tensor a);

  /** Sum of all elements: 1 x 1. */
  Tensor sum(Tensor a);

  /** Mean of all elements: 1 x 1. */
  Tensor mean(Tensor a);

  /** Squared Euclidean distances between the rows of a (n x d) and b (m x d): n x m. */
  Tensor squaredDistances(Tensor a, Tensor b);

  /** The same value, with gradients blocked. */
  Tensor detach(Tensor a);

  /** Element-wise logistic sigmoid 1 / (1 + exp(-a)). */
  Tensor sigmoid(Tensor a);

  /** Element-wise natural logarithm (of positive values). */
  Tensor log(Tensor a);

  // ---- ragged batches: sets and sequences stored as padded rows ----
  //
  // A batch of b sets or sequences is a b x (L w) tensor of padded rows: row i holds element 0's
  // w values, then element 1's, ..., and lengths[i] <= L of its L slots are real; values past a
  // row's length are padding. The operations below never let padding reach a result or a
  // gradient: padded slots are skipped or read as zeros, whatever they hold.

  /**
   * The same values read as a {@code rows x cols} tensor (row-major order kept); the number
   * of values must match. The gradient is reshaped back.
   */
  Tensor reshape(Tensor a, int rows, int cols);

  /**
   * The element view of padded rows: b x (L width) becomes (b L) x width, one row per element
   * slot (row i L + j is element j of set i), so that per-element networks run through
   * {@link #linear} and the activations. {@link #reshape} back to b x (L width') afterwards.
   */
  default Tensor elements(Tensor padded, int width) {
    if (width < 1 || padded.cols() % width != 0) {
      throw new IllegalArgumentException("element view: " + padded.rows() + " x " + padded.cols()
          + " rows do not split into elements of width " + width);
    }
    return reshape(padded, padded.rows() * (padded.cols() / width), width);
  }

  /** How {@link #pool} combines the elements of a row. */
  enum Pooling {
    /** Sum over the row's elements (zero for an empty row). */
    SUM,
    /** Mean over the row's elements (an empty row is an error). */
    MEAN,
    /** Element-wise maximum over the row's elements (an empty row is an error). */
    MAX
  }

  /**
   * Pools the element rows of a ragged batch: {@code elements} is (b L) x w in the layout of
   * {@link #elements} with b = {@code lengths.length}; output row i combines rows
   * i L .. i L + lengths[i] - 1 (padding slots are ignored and get no gradient). A maximum
   * passes its gradient to the element that attained it (the first on ties).
   *
   * @return b x w
   */
  Tensor pool(Tensor elements, int[] lengths, Pooling pooling);

  /**
   * A dilated 1-D convolution along padded sequences, the same length out as in: output step t
   * of row i is {@code bias + sum over taps q and input channels c of x[i, t + (q - (kernel - 1) / 2)
   * dilation, c] weight[q cin + c, :]}, where steps outside [0, lengths[i]) read as zero (the
   * sequence's own end, not the padding, bounds it). Output steps at or past a row's length are
   * zero. Runs as one matrix product of the gathered taps with the weight.
   *
   * @param padded b x (L cin) padded sequences of cin channels
   * @param weight (kernel cin) x cout, row q cin + c for tap q and input channel c
   * @param bias 1 x cout
   * @return b x (L cout)
   */
  Tensor conv1d(Tensor padded, int[] lengths, Parameter weight, Parameter bias, int kernel, int dilation);

  /**
   * A gated recurrent unit (Cho et al. 2014, in PyTorch's form) run over each padded
   * sequence from a zero state, returning each row's state after its own last step (a row of
   * length 0 gives the zero state). With the input projections a = x W_i + b_i and
   * c = h W_h + b_h split into thirds (r, z, n): r = sigmoid(a_r + c_r),
   * z = sigmoid(a_z + c_z), n = tanh(a_n + r c_n), h' = (1 - z) n + z h. Forward and backward
   * through time are fused: one matrix product for all input steps and one per time step for
   * the rows still running.
   *
   * @param padded b x (L cin)
   * @param inputWeight cin x 3 h
   * @param recurrentWeight h x 3 h
   * @param inputBias 1 x 3 h
   * @param recurrentBias 1 x 3 h
   * @return b x h
   */
  Tensor gru(Tensor padded, int[] lengths, Parameter inputWeight, Parameter recurrentWeight, Parameter inputBias,
      Parameter recurrentBias);

  /**
   * Softmax attention pooling of ragged sets by shared queries (the pooling by multihead
   * attention of Lee et al. 2019, "Set Transformer"): for every row i, query q and head k,
   * the weights softmax_j(Q[q]_k . K[i L + j]_k / sqrt(d / heads)) over the row's real elements
   * j < lengths[i] average the values V[i L + j]_k. Head k uses columns k d / heads .. of the
   * queries and keys and k dv / heads .. of the values.
   *
   * @param queries s x d (e.g. learned seed vectors)
   * @param keys (b L) x d element rows
   * @param values (b L) x dv element rows
   * @return b x (s dv): query 0's pooled values (heads side by side), then query 1's, ...
   */
  Tensor attentionPool(Tensor queries, Tensor keys, Tensor values, int[] lengths, int heads);

  /**
   * A block's own operation: each output row computed from the same row of every input by
   * {@code function}, with its hand-written gradient. This is how a block adds a kernel the
   * operations above express only slowly (the rational-quadratic spline of
   * {@code rq-spline-coupling} is one); ranges of rows may run on different threads.
   *
   * @param inputs tensors with the same number of rows
   * @param columns columns of the output
   * @param workPerRow rough cost of one row in multiply-adds, to judge whether splitting the rows
   *     across threads pays
   * @param function the forward and backward computation
   * @return rows x columns
   */
  Tensor rowwise(Tensor[] inputs, int columns, long workPerRow, RowFunction function);
}
