package dev.inn.api.training;

import dev.inn.api.data.Matrix;

/**
 * Per-column shift and scale of training data (mean and standard deviation), kept as fixed
 * parameters of the model so that saving and loading restore them. The identity until fitted,
 * which is what a method with standardisation switched off keeps. Made by
 * {@link MethodToolkit#addStandardizers}.
 */
public interface Standardization {

  /**
   * Sets shift and scale to each column's mean and standard deviation (scale 1 for a constant column).
   *
   * @param m the training values, one row per pair
   */
  void fit(Matrix m);

  /**
   * Sets shift and scale per element channel of padded sets or sequences, over the real elements only.
   *
   * @param padded rows of elements one after the other, padded to the longest row
   * @param lengths each row's number of elements
   */
  void fitElements(Matrix padded, int[] lengths);

  /** @return false until fitted (nothing is then known of the data) */
  boolean fitted();

  /**
   * @param c a column
   * @return true when column {@code c} had one value throughout the fitted data
   */
  boolean constant(int c);

  /**
   * @param c a column
   * @return the mean of column {@code c} in the fitted data
   */
  float mean(int c);

  /**
   * @param m values in data units
   * @return {@code (m - mean) / sd} per column
   */
  Matrix apply(Matrix m);

  /**
   * @param row one row in data units
   * @return the row standardised
   */
  float[] apply(float[] row);

  /**
   * @param padded padded rows of elements
   * @param lengths each row's number of elements
   * @return each real element standardised per channel, padding left at zero
   */
  Matrix applyElements(Matrix padded, int[] lengths);

  /**
   * @param elements one set's or sequence's elements one after the other
   * @return the elements standardised per channel
   */
  float[] applyElements(float[] elements);

  /**
   * @param m standardised values
   * @return the values in data units
   */
  Matrix invert(Matrix m);
}
