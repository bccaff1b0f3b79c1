package dev.inn.core.autodiff;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Tensor;
import java.util.Arrays;

/** A value in a {@link Graph} with its gradient buffer and how to pass gradients back. */
final class Node implements Tensor {

  /** Pushes this node's gradient to its inputs. */
  @FunctionalInterface
  interface Backward {
    void run(float[] grad);
  }

  final int rows;
  final int cols;
  final float[] v;
  final boolean needsGrad;
  float[] g;
  Backward backward;
  // a square matrix equal to its transpose element for element (pairwise distances of one set)
  boolean symmetric;
  // for the opt-in step profile: what kind of op made this node and when it started
  dev.inn.core.profile.StepProfile.Part part;
  long started;

  Node(int rows, int cols, float[] v, boolean needsGrad) {
    this.rows = rows;
    this.cols = cols;
    this.v = v;
    this.needsGrad = needsGrad;
  }

  int size() {
    return rows * cols;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public Matrix value() {
    return new Matrix(rows, cols, Arrays.copyOf(v, rows * cols));
  }

  @Override
  public float scalar() {
    if (rows != 1 || cols != 1) {
      throw new IllegalStateException("scalar() needs a 1 x 1 tensor, this one is " + rows + " x " + cols);
    }
    return v[0];
  }

  @Override
  public String toString() {
    return "Tensor[" + rows + " x " + cols + "]";
  }
}
