package dev.inn.nd4j;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions between inn's arrays and ND4J's, for Java users who hold their simulations in
 * ND4J: a {@link Matrix} is a row-major float matrix, so both directions are one copy of the
 * values (an INDArray of another type or order is converted first).
 */
public final class Nd4jArrays {

  private Nd4jArrays() {}

  /** A float32, row-major rows x cols INDArray with the matrix's values. */
  public static INDArray toIndArray(Matrix m) {
    return Nd4j.create(m.data().clone(), new long[] {m.rows(), m.cols()}, 'c');
  }

  /**
   * The values of a 2-d INDArray as a matrix (a vector becomes one row).
   *
   * @throws IllegalArgumentException for arrays of more than two dimensions
   */
  public static Matrix toMatrix(INDArray a) {
    if (a.rank() > 2) {
      throw new IllegalArgumentException("a Matrix is 2-d; the INDArray has shape " + java.util.Arrays.toString(
          a.shape()));
    }
    long rows = a.rank() == 2 ? a.rows() : 1;
    long cols = a.rank() == 2 ? a.columns() : a.length();
    if (rows * cols > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("INDArray of " + rows + " x " + cols + " values is too large for a Matrix");
    }
    INDArray f = a.castTo(DataType.FLOAT).dup('c');
    return new Matrix((int) rows, (int) cols, f.data().asFloat());
  }

  /** Pairs from parameters x (one row per sample) and observations y of the same number of rows. */
  public static Dataset toDataset(INDArray x, INDArray y) {
    return new Dataset(toMatrix(x), toMatrix(y));
  }

  /** {@code {x, y}} of a data set as INDArrays. */
  public static INDArray[] toIndArrays(Dataset data) {
    return new INDArray[] {toIndArray(data.x()), toIndArray(data.y())};
  }
}
