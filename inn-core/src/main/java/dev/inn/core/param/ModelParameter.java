package dev.inn.core.param;

import dev.inn.api.tensor.Parameter;
import java.util.Arrays;

/** The core's parameter: values, and for trainable ones a gradient buffer the graph fills. */
public final class ModelParameter implements Parameter {

  private final String name;
  private final int rows;
  private final int cols;
  private final boolean trainable;
  final float[] value;
  final float[] grad;

  ModelParameter(String name, int rows, int cols, boolean trainable, float[] value) {
    if (value.length != rows * cols) {
      throw new IllegalArgumentException("parameter " + name + " has " + value.length + " values for shape "
          + rows + " x " + cols);
    }
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.trainable = trainable;
    this.value = value;
    this.grad = trainable ? new float[value.length] : null;
  }

  @Override
  public String name() {
    return name;
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
  public boolean trainable() {
    return trainable;
  }

  @Override
  public float[] values() {
    return Arrays.copyOf(value, value.length);
  }

  @Override
  public void assign(float[] values) {
    if (values.length != value.length) {
      throw new IllegalArgumentException("parameter " + name + " has " + value.length + " values, got "
          + values.length);
    }
    System.arraycopy(values, 0, value, 0, value.length);
  }

  /** The live value array (read by the graph, written by optimisers and loading). */
  public float[] data() {
    return value;
  }

  /** The live gradient array, null for fixed parameters. */
  public float[] gradient() {
    return grad;
  }
}
