package dev.inn.problems.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.dataset.DataFileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store read chunk by chunk gives, joined, exactly the pairs of reading it at once. */
class StoreChunksTest {

  @TempDir
  Path tmp;

  private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

  /** The chunks one after the other. */
  private static Dataset joined(StoreChunks chunks) {
    List<Dataset> parts = new ArrayList<>();
    for (int c = 0; c < chunks.chunks(); c++) {
      Dataset d = chunks.read(c);
      assertThat(d.size()).isEqualTo(chunks.rows(c));
      parts.add(d);
    }
    int rows = parts.stream().mapToInt(Dataset::size).sum();
    int xc = parts.get(0).x().cols();
    int yc = parts.get(0).y().cols();
    boolean ragged = parts.get(0).ragged();
    float[] x = new float[rows * xc];
    float[] y = new float[rows * yc];
    int[] lengths = new int[ragged ? rows : 0];
    int at = 0;
    for (Dataset d : parts) {
      assertThat(d.y().cols()).isEqualTo(yc);
      System.arraycopy(d.x().data(), 0, x, at * xc, d.size() * xc);
      System.arraycopy(d.y().data(), 0, y, at * yc, d.size() * yc);
      if (ragged) {
        System.arraycopy(d.lengths(), 0, lengths, at, d.size());
      }
      at += d.size();
    }
    return new Dataset(new Matrix(rows, xc, x), new Matrix(rows, yc, y), lengths);
  }

  @Test
  void sequencesReadByChunkArePaddedToTheStoresLongestRowAsAWholeRead() throws Exception {
    Problem p = RaggedStoreTest.walks();
    Settings s = Settings.of("p", Map.of());
    Path dir = tmp.resolve("walks");
    StoreWriter.fill(SimulationStore.open(dir, StorePlan.of("test-walks", p, s, 3, 100, 16)), p, 1, QUIET);
    StoreChunks chunks = StoreChunks.open("test-walks", p, s, dir);
    assertThat(chunks.chunks()).isEqualTo(7);
    assertThat(chunks.rows(6)).isEqualTo(4);
    assertThat(chunks.size()).isEqualTo(100);
    assertThat(joined(chunks)).isEqualTo(SimulationStore.read(dir).data());
  }

  @Test
  void vectorsReadByChunkAreTheStoredRows() throws Exception {
    dev.inn.api.problem.ProblemProvider provider = new dev.inn.problems.sbibm.GaussianLinearUniformProvider();
    Settings s = Settings.of("p", Map.of());
    Problem p = provider.create(s);
    Path dir = tmp.resolve("glu");
    StoreWriter.fill(SimulationStore.open(dir, StorePlan.of("gaussian-linear-uniform", p, s, 1, 250, 100)), p, 1,
        QUIET);
    StoreChunks chunks = StoreChunks.open("gaussian-linear-uniform", p, s, dir);
    assertThat(joined(chunks)).isEqualTo(SimulationStore.read(dir).data());
    // a store of another problem, and a damaged chunk, are named
    assertThatThrownBy(() -> StoreChunks.open("slcp", p, s, dir)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("holds simulations of problem 'gaussian-linear-uniform', not 'slcp'");
    Files.write(dir.resolve(SimulationStore.chunkName(1, "y")), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> chunks.read(1)).isInstanceOf(DataFileException.class)
        .hasMessageContaining("chunk-00001-y.npy");
  }
}
