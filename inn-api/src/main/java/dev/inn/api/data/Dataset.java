package dev.inn.api.data;

/**
 * Paired samples: row i of {@code x} (hidden parameters) produced row i of {@code y}
 * (observations).
 */
public record Dataset(Matrix x, Matrix y) {

  public Dataset {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException(
          "data set has " + x.rows() + " parameter rows but " + y.rows() + " observation rows");
    }
  }

  /** The number of pairs. */
  public int size() {
    return x.rows();
  }

  /** The pairs at the given row indices. */
  public Dataset select(int[] indices) {
    return new Dataset(x.selectRows(indices), y.selectRows(indices));
  }
}
