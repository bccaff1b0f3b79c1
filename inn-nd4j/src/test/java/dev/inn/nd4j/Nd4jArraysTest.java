package dev.inn.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.core.linalg.Gemm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jArraysTest {

  @Test
  void matricesAndDataSetsCrossOverExactly() {
    Matrix m = new Matrix(3, 2, new float[] {1, 2, 3, 4, 5, 6.5f});
    INDArray a = Nd4jArrays.toIndArray(m);
    assertThat(a.shape()).containsExactly(3, 2);
    assertThat(a.getFloat(2, 1)).isEqualTo(6.5f);
    assertThat(Nd4jArrays.toMatrix(a)).isEqualTo(m);
    // a column-major double array arrives row-major and float
    INDArray fortran = Nd4j.create(new double[][] {{1, 2}, {3, 4}}).dup('f').castTo(DataType.DOUBLE);
    assertThat(Nd4jArrays.toMatrix(fortran)).isEqualTo(new Matrix(2, 2, new float[] {1, 2, 3, 4}));
    Dataset d = Nd4jArrays.toDataset(a, Nd4j.create(new float[] {7, 8, 9}, new long[] {3, 1}, 'c'));
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.y().get(1, 0)).isEqualTo(8f);
    INDArray[] back = Nd4jArrays.toIndArrays(d);
    assertThat(Nd4jArrays.toMatrix(back[0])).isEqualTo(m);
    assertThatThrownBy(() -> Nd4jArrays.toMatrix(Nd4j.zeros(2, 2, 2))).hasMessageContaining("2-d");
  }

  @Test
  void openBlasProductMatchesTheCoreKernelOnARowRange() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 37;
    int k = 29;
    int m = 41;
    float[] a = new float[n * k];
    float[] b = new float[k * m];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextGaussian();
    }
    float[] expected = new float[n * m];
    float[] actual = new float[n * m];
    java.util.Arrays.fill(expected, 1f);
    java.util.Arrays.fill(actual, 1f);
    Gemm.best().multiply(a, b, expected, k, m, 5, 30, true);
    new OpenBlasGemm().multiply(a, b, actual, k, m, 5, 30, true);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
    }
    // rows outside the range are untouched
    assertThat(actual[0]).isEqualTo(1f);
    assertThat(actual[n * m - 1]).isEqualTo(1f);
  }
}
