package dev.inn.problems.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store of sequences: chunks padded to their own longest row, read back with every length and value. */
class RaggedStoreTest {

  @TempDir
  Path tmp;

  /** Random walks of 3 to 30 steps of one channel; x = (drift, first step). */
  static Problem walks() {
    return new Problem() {
      @Override
      public String name() {
        return "test-walks";
      }

      @Override
      public List<String> parameterNames() {
        return List.of("drift", "start");
      }

      @Override
      public List<String> observationNames() {
        return List.of("position");
      }

      @Override
      public ObservationShape observationShape() {
        return new ObservationShape.Sequence(1);
      }

      @Override
      public Dataset sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n * 30];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
          x[2 * i] = (float) r.nextGaussian();
          x[2 * i + 1] = (float) r.nextGaussian();
          lengths[i] = 3 + r.nextInt(28);
          float pos = x[2 * i + 1];
          for (int t = 0; t < lengths[i]; t++) {
            pos += x[2 * i] + (float) r.nextGaussian();
            y[i * 30 + t] = pos;
          }
        }
        return new Dataset(new Matrix(n, 2, x), new Matrix(n, 30, y), lengths);
      }
    };
  }

  @Test
  void sequencesGoInAndComeBackWithTheirLengths() throws Exception {
    Problem p = walks();
    Settings s = Settings.of("p", Map.of());
    PrintWriter quiet = new PrintWriter(new StringWriter());
    StorePlan plan = StorePlan.of("test-walks", p, s, 3, 100, 16);
    assertThat(plan.ragged()).isTrue();
    StoreWriter.fill(SimulationStore.open(tmp.resolve("a"), plan), p, 2, quiet);
    assertThat(Files.readString(tmp.resolve("a").resolve(SimulationStore.MANIFEST))).contains("observation = \"sequence\"");
    assertThat(tmp.resolve("a").resolve(SimulationStore.chunkName(6, "lengths"))).exists();
    Dataset stored = SimulationStore.read(tmp.resolve("a")).data();
    Dataset chunk6 = p.sample(plan.rows(6), plan.chunkSeed(6));
    assertThat(stored.ragged()).isTrue();
    for (int i = 0; i < chunk6.size(); i++) {
      int row = 6 * 16 + i;
      assertThat(stored.lengths()[row]).isEqualTo(chunk6.lengths()[i]);
      assertThat(stored.x().row(row)).isEqualTo(chunk6.x().row(i));
      for (int t = 0; t < stored.y().cols(); t++) {
        assertThat(stored.y().get(row, t)).isEqualTo(t < chunk6.y().cols() ? chunk6.y().get(i, t) : 0f);
      }
    }
  }
}
