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

  /**
   * Element-wise monotone rational-quadratic splines with linear tails (Durkan et al. 2019,
   * "Neural Spline Flows"): every element of {@code x} gets its own spline on
   * [-bound, bound] and the identity outside. Element (i, j) reads its spline from row i of
   * {@code params}, columns {@code j * (3 bins - 1)} onwards: {@code bins} unnormalised bin
   * widths, {@code bins} unnormalised bin heights, then {@code bins - 1} unnormalised
   * interior knot derivatives. Widths and heights go through a softmax with a minimum bin
   * size; derivatives through a softplus shifted so that 0 maps to 1 (all-zero parameters
   * give the identity), plus a minimum; the end derivatives are 1 to join the tails smoothly.
   *
   * @param x n x m
   * @param params n x (m (3 bins - 1))
   * @param inverse false: y = spline(x); true: x is a spline output and the spline is undone
   * @return {@code {value, logDerivative}}, both n x m: the mapped elements and
   *     log |d value / d x| of each (so the inverse's log-derivatives are the negated forward ones)
   */
  Tensor[] rationalQuadraticSpline(Tensor x, Tensor params, SplineShape shape, boolean inverse);

  /**
   * The fixed shape of {@link #rationalQuadraticSpline}: the number of bins, the half-width of
   * the box [-bound, bound] it acts on, and lower limits on the bin widths and heights (as
   * fractions of the box) and on the knot derivatives, which keep the map well conditioned.
   */
  record SplineShape(int bins, float bound, float minBinWidth, float minBinHeight, float minDerivative) {

    public SplineShape {
      if (bins < 1) {
        throw new IllegalArgumentException("a spline needs at least one bin, got " + bins);
      }
      if (!(bound > 0)) {
        throw new IllegalArgumentException("spline bound must be positive, got " + bound);
      }
      if (!(minBinWidth >= 0 && minBinWidth * bins < 1) || !(minBinHeight >= 0 && minBinHeight * bins < 1)) {
        throw new IllegalArgumentException("minimum bin width " + minBinWidth + " and height " + minBinHeight
            + " must be non-negative and smaller than 1 / bins = " + 1.0 / bins);
      }
      if (!(minDerivative >= 0 && minDerivative < 1)) {
        throw new IllegalArgumentException("minimum derivative must lie in [0, 1), got " + minDerivative);
      }
    }

    /** Columns of {@code params} per element: widths, heights and interior derivatives. */
    public int parametersPerElement() {
      return 3 * bins - 1;
    }
  }
}
