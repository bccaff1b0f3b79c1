package dev.inn.core.param;

import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Parameters;
import java.util.Arrays;

/**
 * Per-column shift and scale (mean and standard deviation of the training data), kept as
 * fixed parameters so they are saved and loaded with the model. Until {@link #fit} runs it
 * is the identity, which is what a method with standardisation switched off keeps.
 */
public final class Standardizer implements dev.inn.api.training.Standardization {

  private final ModelParameter shift;
  private final ModelParameter scale;

  /** Creates {@code <name>_shift} and {@code <name>_scale} (1 x dim) in {@code scope}. */
  public Standardizer(Parameters scope, String name, int dim) {
    float[] ones = new float[dim];
    Arrays.fill(ones, 1f);
    this.shift = (ModelParameter) scope.fixed(name + "_shift", 1, dim, new float[dim]);
    this.scale = (ModelParameter) scope.fixed(name + "_scale", 1, dim, ones);
  }

  /** Sets shift and scale to each column's mean and standard deviation (1 for a constant column). */
  @Override
  public void fit(Matrix m) {
    double[][] moments = columnMoments(m);
    for (int c = 0; c < m.cols(); c++) {
      shift.data()[c] = (float) moments[0][c];
      scale.data()[c] = moments[1][c] > 1e-12 ? (float) moments[1][c] : 1f;
      if (moments[1][c] > 1e-12 && scale.data()[c] == 1f) {
        // a scale of exactly 1 marks a column that was constant ({@link #constant}); one ulp away changes nothing else
        scale.data()[c] = Math.nextUp(1f);
      }
    }
  }

  /** False until {@link #fit} (or for a method with standardisation switched off): then nothing is known of the data. */
  @Override
  public boolean fitted() {
    for (int c = 0; c < shift.data().length; c++) {
      if (shift.data()[c] != 0f || scale.data()[c] != 1f) {
        return true;
      }
    }
    return false;
  }

  /** True when column {@code c} had one value throughout the data {@link #fit} saw. */
  @Override
  public boolean constant(int c) {
    return fitted() && scale.data()[c] == 1f;
  }

  /** The mean of column {@code c} in the data {@link #fit} saw. */
  @Override
  public float mean(int c) {
    return shift.data()[c];
  }

  /**
   * Sets shift and scale per element channel of padded ragged rows (sets or sequences, see
   * {@link dev.inn.api.data.ObservationShape}): channel c's mean and deviation over the real
   * elements only, so padding zeros do not pull them towards 0. This standardiser's width is
   * one element's.
   */
  @Override
  public void fitElements(Matrix padded, int[] lengths) {
    int width = shift.data().length;
    double[] s = new double[width];
    double[] s2 = new double[width];
    long count = 0;
    for (int i = 0; i < padded.rows(); i++) {
      int base = i * padded.cols();
      for (int e = 0; e < lengths[i]; e++) {
        for (int c = 0; c < width; c++) {
          double v = padded.data()[base + e * width + c];
          s[c] += v;
          s2[c] += v * v;
        }
      }
      count += lengths[i];
    }
    for (int c = 0; c < width; c++) {
      double mean = count == 0 ? 0 : s[c] / count;
      double sd = count == 0 ? 0 : Math.sqrt(Math.max(s2[c] / count - mean * mean, 0));
      shift.data()[c] = (float) mean;
      scale.data()[c] = sd > 1e-12 ? (float) sd : 1f;
    }
  }

  /** Padded ragged rows standardised per element channel; padding stays zero. */
  @Override
  public Matrix applyElements(Matrix padded, int[] lengths) {
    int width = shift.data().length;
    float[] d = new float[padded.data().length];
    for (int i = 0; i < padded.rows(); i++) {
      int base = i * padded.cols();
      for (int k = 0; k < lengths[i] * width; k++) {
        int c = k % width;
        d[base + k] = (padded.data()[base + k] - shift.data()[c]) / scale.data()[c];
      }
    }
    return new Matrix(padded.rows(), padded.cols(), d);
  }

  /** The elements of one set or sequence (element-major, any count) standardised per channel. */
  @Override
  public float[] applyElements(float[] elements) {
    int width = shift.data().length;
    float[] out = new float[elements.length];
    for (int k = 0; k < elements.length; k++) {
      int c = k % width;
      out[k] = (elements[k] - shift.data()[c]) / scale.data()[c];
    }
    return out;
  }

  /** Each column's mean ({@code [0][c]}) and population standard deviation ({@code [1][c]}). */
  public static double[][] columnMoments(Matrix m) {
    double[][] out = new double[2][m.cols()];
    for (int c = 0; c < m.cols(); c++) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < m.rows(); i++) {
        double v = m.get(i, c);
        s += v;
        s2 += v * v;
      }
      double mean = s / m.rows();
      out[0][c] = mean;
      out[1][c] = Math.sqrt(Math.max(s2 / m.rows() - mean * mean, 0));
    }
    return out;
  }

  /** (m - shift) / scale, column-wise. */
  @Override
  public Matrix apply(Matrix m) {
    float[] d = new float[m.data().length];
    int cols = m.cols();
    for (int i = 0; i < d.length; i++) {
      int c = i % cols;
      d[i] = (m.data()[i] - shift.data()[c]) / scale.data()[c];
    }
    return new Matrix(m.rows(), cols, d);
  }

  /** One standardised row. */
  @Override
  public float[] apply(float[] row) {
    float[] out = new float[row.length];
    for (int c = 0; c < row.length; c++) {
      out[c] = (row[c] - shift.data()[c]) / scale.data()[c];
    }
    return out;
  }

  /** m * scale + shift, column-wise: back to data units. */
  @Override
  public Matrix invert(Matrix m) {
    float[] d = new float[m.data().length];
    int cols = m.cols();
    for (int i = 0; i < d.length; i++) {
      int c = i % cols;
      d[i] = m.data()[i] * scale.data()[c] + shift.data()[c];
    }
    return new Matrix(m.rows(), cols, d);
  }
}
