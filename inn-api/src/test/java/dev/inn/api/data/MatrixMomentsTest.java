package dev.inn.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MatrixMomentsTest {

  @Test
  void columnMomentsMatchHandValues() {
    // column 0: 1, 2, 3, 6 (mean 3, squared deviations 4 + 1 + 0 + 9 = 14); column 1 constant
    Matrix m = Matrix.of(new float[][] {{1, 5}, {2, 5}, {3, 5}, {6, 5}});
    assertThat(m.columnMeans()).containsExactly(3.0, 5.0);
    assertThat(m.columnStandardDeviations()[0]).isCloseTo(Math.sqrt(14 / 3.0), within(1e-12));
    assertThat(m.columnStandardDeviations()[1]).isEqualTo(0.0);
  }

  @Test
  void aSingleRowHasNoSpread() {
    assertThat(Matrix.of(new float[][] {{4, -2}}).columnStandardDeviations()).containsExactly(0.0, 0.0);
  }
}
