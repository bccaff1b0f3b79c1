package dev.inn.problems.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sets and sequences from NPY with a lengths array and from long-form CSV, the same pairs either way. */
class RaggedDatasetTest {

  @TempDir
  Path dir;

  private final DatasetProblemProvider provider = new DatasetProblemProvider();

  // three observations of rows (a, b): lengths 2, 3, 1
  private static final float[][] X = {{1f, 10f}, {2f, 20f}, {3f, 30f}};
  private static final float[][][] Y = {
    {{0.5f, 1f}, {1.5f, 2f}},
    {{-1f, 0f}, {2f, 3f}, {4f, 5f}},
    {{7f, 8f}},
  };

  private Path npy(String name, Matrix m) throws IOException {
    return Files.write(dir.resolve(name), NpyWriter.float64(m));
  }

  private Map<String, Object> npySettings(Matrix y, Matrix lengths) throws IOException {
    return Map.of("format", "npy", "observation", "set", "x_path", npy("x.npy", Matrix.of(X)).toString(),
        "y_path", npy("y.npy", y).toString(), "lengths_path", npy("len.npy", lengths).toString(),
        "y_columns", List.of("a", "b"), "x_columns", List.of("mu", "sigma"), "test_fraction", 0.0);
  }

  private static Matrix padded() {
    float[] y = new float[3 * 6];
    for (int i = 0; i < 3; i++) {
      for (int e = 0; e < Y[i].length; e++) {
        y[i * 6 + 2 * e] = Y[i][e][0];
        y[i * 6 + 2 * e + 1] = Y[i][e][1];
      }
    }
    return new Matrix(3, 6, y);
  }

  private static Matrix lengths(float... l) {
    return new Matrix(l.length, 1, l);
  }

  private String longCsv() {
    StringBuilder t = new StringBuilder("trial,mu,sigma,a,b\n");
    for (int i = 0; i < 3; i++) {
      for (float[] row : Y[i]) {
        t.append(100 + i).append(',').append(X[i][0]).append(',').append(X[i][1]).append(',').append(row[0])
            .append(',').append(row[1]).append('\n');
      }
    }
    return t.toString();
  }

  @Test
  void npyWithLengthsAndLongCsvGiveTheSamePairs() throws IOException {
    Problem fromNpy = provider.create(provider.settings(npySettings(padded(), lengths(2, 3, 1))));
    Path csv = Files.writeString(dir.resolve("long.csv"), longCsv());
    Problem fromCsv = provider.create(provider.settings(Map.of("path", csv.toString(), "observation", "set",
        "id_column", "trial", "y_columns", List.of("a", "b"), "test_fraction", 0.0)));
    assertThat(fromNpy.observationShape()).isEqualTo(new ObservationShape.Set(2));
    assertThat(fromCsv.observationNames()).containsExactly("a", "b");
    assertThat(fromCsv.parameterNames()).containsExactly("mu", "sigma");
    Dataset a = fromNpy.sample(3, 4);
    Dataset b = fromCsv.sample(3, 4);
    assertThat(a).isEqualTo(b);
    assertThat(a.ragged()).isTrue();
    int row = -1;
    for (int i = 0; i < 3; i++) {
      row = a.x().get(i, 0) == 2f ? i : row;
    }
    assertThat(a.lengths()[row]).isEqualTo(3);
    assertThat(a.y().get(row, 4)).isEqualTo(4f);
  }

  @Test
  void badRaggedFilesAreRefusedNamingThePlace() throws IOException {
    assertThatThrownBy(() -> provider.create(provider.settings(npySettings(padded(), lengths(2, 4, 1)))))
        .hasMessageContaining("row 1: length 4.0 is not a whole number of elements between 0 and the 3");
    Matrix dirty = padded();
    dirty.data()[5] = 9f;
    assertThatThrownBy(() -> provider.create(provider.settings(npySettings(dirty, lengths(2, 3, 1)))))
        .hasMessageContaining("row 0: value 5 lies past the row's length 2");
    Matrix nan = padded();
    nan.data()[6 + 3] = Float.NaN;
    assertThatThrownBy(() -> provider.create(provider.settings(npySettings(nan, lengths(2, 3, 1)))))
        .hasMessageContaining("row 1, element 1, value 1: NaN is not a finite number");
    assertThatThrownBy(() -> provider.create(provider.settings(npySettings(new Matrix(3, 5, new float[15]),
        lengths(1, 1, 1))))).hasMessageContaining("rows of 5 values are not a whole number of elements of 2");
    Path csv = Files.writeString(dir.resolve("bad.csv"), longCsv().replace("101,2.0,20.0,2.0", "101,2.5,20.0,2.0"));
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("path", csv.toString(), "observation", "set",
        "id_column", "trial", "y_columns", List.of("a", "b")))))
        .hasMessageContaining("(trial 101): parameter 'mu' is 2.5 but 2.0");
  }
}
