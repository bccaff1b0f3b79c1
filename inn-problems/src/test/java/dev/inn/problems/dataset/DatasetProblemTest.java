package dev.inn.problems.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProblemTest {

  @TempDir
  Path dir;

  private final DatasetProblemProvider provider = new DatasetProblemProvider();

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Problem fromCsv(Path file, List<String> x, List<String> y) {
    return provider.create(provider.settings(Map.of("path", file.toString(), "x_columns", x, "y_columns", y,
        "test_fraction", 0.2)));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DatasetProblemTest.class.getResource("/dataset/" + name).toURI());
  }

  @Test
  void csvRoundTripKeepsEveryPairAndSplitsOffATestSet() throws IOException {
    StringBuilder text = new StringBuilder("# simulator output\nmass,age,flux_a,flux_b\n");
    for (int i = 0; i < 50; i++) {
      text.append(i).append(',').append(i * 0.5).append(',').append(1000 + i).append(',').append(-i).append('\n');
    }
    Problem p = fromCsv(csv("data.csv", text.toString()), List.of("age", "mass"), List.of("flux_b", "flux_a"));
    assertThat(p.parameterNames()).containsExactly("age", "mass");
    assertThat(p.observationNames()).containsExactly("flux_b", "flux_a");
    assertThat(((DatasetProblem) p).trainingRows()).isEqualTo(40);
    assertThat(((DatasetProblem) p).testRows()).isEqualTo(10);

    Dataset train = p.sample(40, 1);
    Dataset test = p.testSet(10, 1);
    Set<Float> masses = new HashSet<>();
    for (Dataset d : List.of(train, test)) {
      for (int r = 0; r < d.size(); r++) {
        float mass = d.x().get(r, 1);
        int i = (int) mass;
        assertThat(d.x().get(r, 0)).isEqualTo(i * 0.5f);
        assertThat(d.y().get(r, 0)).isEqualTo((float) -i);
        assertThat(d.y().get(r, 1)).isEqualTo(1000f + i);
        masses.add(mass);
      }
    }
    assertThat(masses).hasSize(50); // train and test are disjoint and cover every row
    assertThat(p.sample(10, 7)).isEqualTo(p.sample(10, 7));
    assertThat(p.sample(10, 7)).isNotEqualTo(p.sample(10, 8));
    assertThat(p.prior()).isEmpty();
    assertThat(p.simulator()).isEmpty();
    assertThat(p.exactPosterior()).isEmpty();
    assertThatThrownBy(() -> p.sample(41, 1)).hasMessageContaining("40 training rows").hasMessageContaining("41");
  }

  @Test
  void xColumnsDefaultToEveryColumnNotInY() throws IOException {
    Problem p = fromCsv(csv("d.csv", "a,b,c\n1,2,3\n4,5,6\n"), List.of(), List.of("b"));
    assertThat(p.parameterNames()).containsExactly("a", "c");
  }

  @Test
  void yColumnsTakeRangesOfTheHeaderAndEverythingElse() throws IOException {
    Path f = csv("r.csv", "a,b,y0,y1,y2,y3\n1,2,3,4,5,6\n7,8,9,10,11,12\n");
    Problem range = fromCsv(f, List.of("a:b"), List.of("y1:y3", "y0"));
    assertThat(range.parameterNames()).containsExactly("a", "b");
    assertThat(range.observationNames()).containsExactly("y1", "y2", "y3", "y0");
    Problem rest = fromCsv(f, List.of("b", "a"), List.of("*"));
    assertThat(rest.observationNames()).containsExactly("y0", "y1", "y2", "y3");
    assertThat(rest.sample(1, 0).y().cols()).isEqualTo(4);
    assertThatThrownBy(() -> fromCsv(f, List.of(), List.of("*"))).hasMessageContaining("x_columns must name");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("y3:y1"))).hasMessageContaining("runs backwards");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("y1:y9")))
        .hasMessageContaining("column 'y9', which is not in the header of " + f);
  }

  @Test
  void nanIsRejectedWithFileLineAndColumn() throws IOException {
    Path f = csv("nan.csv", "a,b\n1,2\n3,NaN\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("b")))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("nan.csv line 3").hasMessageContaining("column 'b'").hasMessageContaining("finite");
  }

  @Test
  void infinityIsRejectedWithFileLineAndColumn() throws IOException {
    Path f = csv("inf.csv", "a,b\n1,2\n-inf,4\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("b")))
        .hasMessageContaining("inf.csv line 3").hasMessageContaining("column 'a'").hasMessageContaining("finite");
    Path g = csv("inf2.csv", "a,b\n1,2\n3,1e50\n");
    assertThatThrownBy(() -> fromCsv(g, List.of("a"), List.of("b")))
        .hasMessageContaining("inf2.csv line 3").hasMessageContaining("column 'b'");
  }

  @Test
  void wrongColumnCountIsRejected() throws IOException {
    Path f = csv("short.csv", "a,b,c\n1,2,3\n4,5\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("b")))
        .hasMessageContaining("short.csv line 3").hasMessageContaining("2 values").hasMessageContaining("3 columns");
  }

  @Test
  void notANumberIsRejected() throws IOException {
    Path f = csv("word.csv", "a,b\n1,two\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("b")))
        .hasMessageContaining("word.csv line 2").hasMessageContaining("column 'b'").hasMessageContaining("'two'");
  }

  @Test
  void unknownColumnIsRejectedListingTheHeader() throws IOException {
    Path f = csv("cols.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("flux")))
        .hasMessageContaining("'flux'").hasMessageContaining("cols.csv").hasMessageContaining("[a, b]");
  }

  @Test
  void missingFileIsRejected() {
    Path f = dir.resolve("nowhere.csv");
    assertThatThrownBy(() -> fromCsv(f, List.of("a"), List.of("b")))
        .isInstanceOf(DataFileException.class).hasMessageContaining("not found").hasMessageContaining("nowhere.csv");
  }

  @Test
  void columnInBothXAndYIsRejected() throws IOException {
    Path f = csv("both.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> fromCsv(f, List.of("a", "b"), List.of("b"))).hasMessageContaining("'b'")
        .hasMessageContaining("both");
  }

  @Test
  void npyRoundTripReadsNumpyFilesIncludingFortranOrder() throws URISyntaxException {
    // written by numpy: x float32 C order (6 x 3), y float64 Fortran order (6 x 2)
    Problem p = provider.create(provider.settings(Map.of("format", "npy", "x_path", resource("x.npy").toString(),
        "y_path", resource("y.npy").toString(), "y_columns", List.of("ratio", "count"), "test_fraction", 0.0)));
    assertThat(p.parameterNames()).containsExactly("x0", "x1", "x2");
    assertThat(p.observationNames()).containsExactly("ratio", "count");
    Dataset all = p.sample(6, 3);
    for (int r = 0; r < 6; r++) {
      int i = (int) (all.x().get(r, 0) - 0.5f);
      assertThat(all.x().row(r)).containsExactly(i + 0.5f, -i, 2 * i + 0.25f);
      assertThat(all.y().row(r)).containsExactly((float) (i * 0.1), 100f + i);
    }
  }

  @Test
  void npyWithMismatchedRowCountsIsRejected() throws URISyntaxException {
    Path x = resource("x.npy");
    Path y = resource("y_short.npy");
    assertThatThrownBy(() -> DatasetProblemProvider.fromNpy("t", x, y, List.of(), List.of(), 0.1, 0))
        .hasMessageContaining("x.npy has 6 rows").hasMessageContaining("y_short.npy has 5");
  }

  @Test
  void npyWithNanIsRejectedWithRowAndColumn() throws URISyntaxException {
    Path x = resource("x_nan.npy");
    assertThatThrownBy(() -> DatasetProblemProvider.fromNpy("t", x, x, List.of("p", "q"), List.of("r", "s"), 0.1, 0))
        .hasMessageContaining("x_nan.npy row 1").hasMessageContaining("'q'").hasMessageContaining("NaN");
  }

  @Test
  void npyThatIsNotNpyIsRejected() throws IOException, URISyntaxException {
    Path bad = Files.writeString(dir.resolve("bad.npy"), "hello, I am text");
    assertThatThrownBy(() -> DatasetProblemProvider.fromNpy("t", bad, resource("y.npy"), List.of(), List.of(), 0.1, 0))
        .hasMessageContaining("bad.npy").hasMessageContaining("not a .npy file");
    byte[] good = Files.readAllBytes(resource("x.npy"));
    Path cut = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(good, good.length - 10));
    assertThatThrownBy(() -> DatasetProblemProvider.fromNpy("t", cut, resource("y.npy"), List.of(), List.of(), 0.1, 0))
        .hasMessageContaining("cut.npy").hasMessageContaining("truncated");
  }

  @Test
  void npyColumnNamesMustMatchTheWidth() {
    assertThatThrownBy(() -> DatasetProblemProvider.fromNpy("problem 'dataset'", resource("x.npy"), resource("y.npy"),
        List.of("a", "b"), List.of(), 0.1, 0)).hasMessageContaining("x_columns").hasMessageContaining("has 3");
  }

  @Test
  void missingSettingsAreNamed() {
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("y_columns", List.of("b")))))
        .hasMessageContaining("'path'");
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("format", "parquet"))))
        .hasMessageContaining("format").hasMessageContaining("parquet");
  }
}
