package dev.inn.core.observation;

import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;

/**
 * Checks and reshapes of ragged observations (sets and sequences as padded rows with a length
 * each, see {@link ObservationShape}). Every check names the observation and the element, so bad
 * input is refused before any training with a message a user can act on.
 */
public final class RaggedRows {

  private RaggedRows() {}

  /**
   * Refuses padded rows that do not fit {@code shape}: a width that is not a whole number of
   * elements, a length beyond the row, an empty set or a sequence shorter than {@code minimumLength},
   * a non-finite value inside an element, a non-zero value in the padding.
   *
   * @param what what the rows are, for messages (e.g. "training observations")
   */
  public static void check(String what, Matrix padded, int[] lengths, ObservationShape shape, int minimumLength) {
    int width = shape.elementWidth();
    if (!shape.ragged()) {
      throw new IllegalArgumentException(what + ": the problem declares a " + shape.describe()
          + ", but the observations come with lengths (sets or sequences)");
    }
    if (lengths.length != padded.rows()) {
      throw new IllegalArgumentException(what + ": " + padded.rows() + " observations but " + lengths.length
          + " lengths; a " + shape.describe() + " needs a length per observation");
    }
    if (padded.cols() % width != 0) {
      throw new IllegalArgumentException(what + ": rows of " + padded.cols() + " values are not a whole number of"
          + " elements of " + width + " values (the problem declares a " + shape.describe() + ")");
    }
    int capacity = padded.cols() / width;
    for (int i = 0; i < padded.rows(); i++) {
      if (lengths[i] > capacity) {
        throw new IllegalArgumentException(what + ": observation " + i + " has length " + lengths[i]
            + " but its row holds only " + capacity + " elements of " + width + " values");
      }
      checkLength(what + ": observation " + i, lengths[i], shape, minimumLength);
      int base = i * padded.cols();
      for (int k = 0; k < padded.cols(); k++) {
        float v = padded.data()[base + k];
        if (k < lengths[i] * width && !Float.isFinite(v)) {
          throw new IllegalArgumentException(what + ": observation " + i + ", " + elementName(shape) + " " + k / width
              + ", value " + k % width + " is " + v);
        }
        if (k >= lengths[i] * width && v != 0f) {
          throw new IllegalArgumentException(what + ": observation " + i + " has " + v + " in its padding ("
              + elementName(shape) + " " + k / width + ", past its length " + lengths[i] + "); padding must be zero");
        }
      }
    }
  }

  /**
   * Refuses one observation given as its elements one after the other (element-major): an
   * empty or too short one, a count of values that is not a whole number of elements, a
   * non-finite value.
   *
   * @param what the observation, for messages (e.g. "observation 3")
   */
  public static void checkOne(String what, float[] elements, ObservationShape shape, int minimumLength) {
    int width = shape.elementWidth();
    if (elements.length % width != 0) {
      throw new IllegalArgumentException(what + " has " + elements.length + " values, not a whole number of "
          + elementName(shape) + "s of " + width + " values (the problem declares a " + shape.describe() + ")");
    }
    checkLength(what, elements.length / width, shape, minimumLength);
    for (int k = 0; k < elements.length; k++) {
      if (!Float.isFinite(elements[k])) {
        throw new IllegalArgumentException(what + ": " + elementName(shape) + " " + k / width + ", value " + k % width
            + " is " + elements[k]);
      }
    }
  }

  private static void checkLength(String what, int length, ObservationShape shape, int minimumLength) {
    if (length == 0) {
      throw new IllegalArgumentException(what + " is an empty " + (shape instanceof ObservationShape.Set ? "set"
          : "sequence") + "; it needs at least " + Math.max(1, minimumLength) + " " + elementName(shape) + "s");
    }
    if (length < minimumLength) {
      throw new IllegalArgumentException(what + " has " + length + " " + elementName(shape) + "s; the summary network"
          + " needs at least " + minimumLength + " (simulate or measure longer ones, or choose a network with a"
          + " smaller receptive field)");
    }
  }

  /** "row" for a set, "step" for a sequence, "value" for a vector. */
  public static String elementName(ObservationShape shape) {
    return shape instanceof ObservationShape.Set ? "row" : shape instanceof ObservationShape.Sequence ? "step"
        : "value";
  }

  /**
   * Observation {@code i} of a data set as a method takes it: the row for a vector, the row's
   * elements without padding for a set or sequence.
   */
  public static float[] observation(dev.inn.api.data.Dataset data, int i, ObservationShape shape) {
    float[] row = data.y().row(i);
    return data.ragged() ? java.util.Arrays.copyOf(row, data.lengths()[i] * shape.elementWidth()) : row;
  }

  /** The largest length, 0 for none. */
  public static int maxLength(int[] lengths) {
    int max = 0;
    for (int l : lengths) {
      max = Math.max(max, l);
    }
    return max;
  }

  /**
   * The padded rows cut to the batch's longest row ({@code maxLength(lengths) * width} columns;
   * at least one element), so a batch of short sets does not pay for the longest set of the data.
   */
  public static Matrix trim(Matrix padded, int[] lengths, int width) {
    int cols = Math.max(1, maxLength(lengths)) * width;
    return cols >= padded.cols() ? padded : padded.columns(0, cols);
  }

  /** n copies of the same lengths value. */
  public static int[] repeated(int length, int n) {
    int[] out = new int[n];
    java.util.Arrays.fill(out, length);
    return out;
  }
}
