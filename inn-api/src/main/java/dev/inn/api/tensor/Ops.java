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

  Tensor add(Tensor a, Tensor b);

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

  Tensor relu(Tensor a);

  Tensor leakyRelu(Tensor a, float slope);

  Tensor tanh(Tensor a);

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
}
