package dev.inn.api.data;

/**
 * Paired samples: row i of {@code x} (hidden parameters) produced row i of {@code y}
 * (observations).
 *
 * <p>For vector observations {@code lengths} is empty. For sets and sequences (see {@link
 * ObservationShape}) {@code y} holds padded rows and {@code lengths[i]} is the number of
 * elements of row i (set size or sequence length); values past them are zero. The arrays are
 * shared, not copied: do not modify them.
 */
public record Dataset(Matrix x, Matrix y, int[] lengths) {

  private static final int[] FIXED = new int[0];

  /** Checks that x, y and lengths describe the same rows. */
  public Dataset {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException(
          "data set has " + x.rows() + " parameter rows but " + y.rows() + " observation rows");
    }
    if (lengths.length != 0 && lengths.length != y.rows()) {
      throw new IllegalArgumentException(
          "data set has " + y.rows() + " observation rows but " + lengths.length + " lengths");
    }
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] < 0) {
        throw new IllegalArgumentException("observation " + i + " has a negative length " + lengths[i]);
      }
    }
  }

  /** Pairs of fixed-length observation vectors. */
  public Dataset(Matrix x, Matrix y) {
    this(x, y, FIXED);
  }

  /** True when y holds padded sets or sequences with a length per row. */
  public boolean ragged() {
    return lengths.length != 0;
  }

  /** The number of pairs. */
  public int size() {
    return x.rows();
  }

  /** The pairs at the given row indices. */
  public Dataset select(int[] indices) {
    if (!ragged()) {
      return new Dataset(x.selectRows(indices), y.selectRows(indices));
    }
    int[] picked = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = lengths[indices[i]];
    }
    return new Dataset(x.selectRows(indices), y.selectRows(indices), picked);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset d && x.equals(d.x) && y.equals(d.y) && java.util.Arrays.equals(lengths, d.lengths);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * x.hashCode() + y.hashCode()) + java.util.Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return "Dataset[" + size() + " pairs" + (ragged() ? ", ragged" : "") + "]";
  }
}
