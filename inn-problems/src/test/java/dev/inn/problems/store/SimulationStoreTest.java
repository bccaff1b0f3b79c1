package dev.inn.problems.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.problems.external.ExternalProblemProvider;
import dev.inn.problems.medical.MedicalColonProvider;
import dev.inn.problems.mixture.GaussianMixture8Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationStoreTest {

  static final java.io.PrintWriter QUIET = new java.io.PrintWriter(java.io.Writer.nullWriter());
  static final String SHELL = "sh " + Path.of("..", "examples", "simulators", "shell", "sum_product.sh")
      .toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  static Settings shellSettings(int workers) {
    return Settings.resolve("problem 'external'", new ExternalProblemProvider().defaults(), Map.of("command", SHELL,
        "framing", "text", "prior", List.of("a ~ uniform(0, 1)", "b ~ uniform(0, 1)"), "outputs", 2,
        "workers", workers, "batch", 40));
  }

  static StoreWriter.Result fill(Path dir, Settings s, long seed, int workers) {
    Problem p = new ExternalProblemProvider().create(s);
    try {
      return StoreWriter.fill(SimulationStore.open(dir, StorePlan.of("external", p, s, seed, 1000, 150)), p, workers,
          QUIET);
    } finally {
      try {
        ((AutoCloseable) p).close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Every file of a folder, name to bytes. */
  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  static void assertSameFiles(Path a, Path b) throws IOException {
    Map<String, byte[]> fa = files(a);
    Map<String, byte[]> fb = files(b);
    assertThat(fb.keySet()).isEqualTo(fa.keySet());
    for (String k : fa.keySet()) {
      assertThat(fb.get(k)).as(k).isEqualTo(fa.get(k));
    }
  }

  @Test
  void sameSeedGivesSameBytesWhateverTheWorkers() throws IOException {
    StoreWriter.Result r = fill(tmp.resolve("a"), shellSettings(1), 7, 1);
    assertThat(r.chunksWritten()).isEqualTo(7);
    fill(tmp.resolve("b"), shellSettings(3), 7, 3);
    assertSameFiles(tmp.resolve("a"), tmp.resolve("b"));
    assertThat(files(tmp.resolve("a"))).containsKeys("manifest.toml", "chunk-00006-x.npy", "chunk-00006-y.npy");
    // another seed, other numbers
    fill(tmp.resolve("c"), shellSettings(1), 8, 1);
    assertThat(Files.readAllBytes(tmp.resolve("c/chunk-00000-y.npy")))
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/chunk-00000-y.npy")));
    SimulationStore.Contents c = SimulationStore.read(tmp.resolve("a"));
    assertThat(c.data().size()).isEqualTo(1000);
    assertThat(c.xColumns()).containsExactly("a", "b");
    assertThat(c.yColumns()).containsExactly("y0", "y1");
    // the stored pairs are the simulator's: y0 = a + b up to its noise sd 0.05
    Dataset d = c.data();
    for (int i = 0; i < d.size(); i++) {
      assertThat(Math.abs(d.y().get(i, 0) - d.x().get(i, 0) - d.x().get(i, 1))).isLessThan(0.3f);
    }
  }

  @Test
  void resumeRedoesOnlyUnfinishedChunksAndGivesTheSameBytes() throws IOException {
    Path whole = tmp.resolve("whole");
    Path broken = tmp.resolve("broken");
    fill(whole, shellSettings(2), 5, 2);
    fill(broken, shellSettings(2), 5, 2);
    // an interrupted run: chunk 2 half written (x without its .done record), chunks 4-6 never started,
    // the manifest still incomplete, a stray temporary file
    Files.delete(broken.resolve("chunk-00002.done"));
    Files.delete(broken.resolve("chunk-00002-y.npy"));
    Files.write(broken.resolve("chunk-00002-x.npy"), new byte[] {1, 2, 3});
    Files.write(broken.resolve(".chunk-00002-y.npy12345.tmp"), new byte[] {4, 5});
    for (int c = 4; c < 7; c++) {
      Files.delete(broken.resolve(SimulationStore.doneName(c)));
      Files.delete(broken.resolve(SimulationStore.chunkName(c, "x")));
      Files.delete(broken.resolve(SimulationStore.chunkName(c, "y")));
    }
    String complete = Files.readString(whole.resolve("manifest.toml"));
    Files.writeString(broken.resolve("manifest.toml"), complete.substring(0, complete.indexOf("status")) + "status = "
        + "\"incomplete\"\n\n[settings]" + complete.substring(complete.indexOf("[settings]") + 10,
        complete.indexOf("[[chunk]]")));
    assertThatThrownBy(() -> SimulationStore.read(broken)).hasMessageContaining("incomplete");
    long untouched = Files.getLastModifiedTime(broken.resolve("chunk-00001-x.npy")).toMillis();

    StoreWriter.Result r = fill(broken, shellSettings(1), 5, 1);
    assertThat(r.chunksWritten()).isEqualTo(4);
    assertThat(r.chunksPresent()).isEqualTo(3);
    assertThat(Files.getLastModifiedTime(broken.resolve("chunk-00001-x.npy")).toMillis()).isEqualTo(untouched);
    assertSameFiles(whole, broken);
  }

  @Test
  void aFolderOfOtherSimulationsIsRefused() {
    fill(tmp.resolve("s"), shellSettings(1), 5, 1);
    assertThatThrownBy(() -> fill(tmp.resolve("s"), shellSettings(1), 6, 1))
        .hasMessageContaining("holds other simulations").hasMessageContaining("seed: store 5, requested 6");
    Settings other = shellSettings(1).with("prior", List.of("a ~ uniform(0, 2)", "b ~ uniform(0, 1)"));
    assertThatThrownBy(() -> fill(tmp.resolve("s"), other, 5, 1)).hasMessageContaining("settings.prior");
  }

  @Test
  void aStoredProblemTrainsOnTheStoreAndKeepsItsOwnTestSet() {
    Path dir = tmp.resolve("s");
    fill(dir, shellSettings(1), 5, 1);
    Settings s = shellSettings(2);
    Problem base = new ExternalProblemProvider().create(s);
    try {
      StoredProblem p = StoredProblem.wrap("external", base, s, dir);
      Dataset stored = SimulationStore.read(dir).data();
      assertThat(p.sample(1000, 3)).isEqualTo(stored);
      Dataset some = p.sample(100, 3);
      assertThat(some.size()).isEqualTo(100);
      assertThat(p.sample(100, 3)).isEqualTo(some);
      assertThat(p.support()).isEqualTo(base.support());
      assertThatThrownBy(() -> p.sample(1001, 3)).hasMessageContaining("holds 1000 pairs");
      Settings other = s.with("batch", 7);
      assertThatThrownBy(() -> StoredProblem.wrap("external", base, other, dir))
          .hasMessageContaining("batch: store 40, here 7");
    } finally {
      ((dev.inn.problems.external.ExternalProblem) base).close();
    }
  }

  @Test
  void aJavaProblemIsStoredRowByRowWhateverTheChunkSizeAndWorkers() throws IOException {
    Settings s = Settings.resolve("p", new GaussianMixture8Provider().defaults(), Map.of());
    Problem p = new GaussianMixture8Provider().create(s);
    StoreWriter.fill(SimulationStore.open(tmp.resolve("g1"), StorePlan.of("gaussian-mixture-8", p, s, 1, 500, 64)), p,
        1, QUIET);
    StoreWriter.fill(SimulationStore.open(tmp.resolve("g2"), StorePlan.of("gaussian-mixture-8", p, s, 1, 500, 64)), p,
        2, QUIET);
    assertSameFiles(tmp.resolve("g1"), tmp.resolve("g2"));
    StoreWriter.fill(SimulationStore.open(tmp.resolve("g3"), StorePlan.of("gaussian-mixture-8", p, s, 1, 500, 100)), p,
        2, QUIET);
    // row r is the problem's prior and simulator seeded by (seed, r): the chunk size changes nothing
    Dataset stored = SimulationStore.read(tmp.resolve("g1")).data();
    assertThat(SimulationStore.read(tmp.resolve("g3")).data()).isEqualTo(stored);
    Dataset rows = JointDraws.of(p).simulate(0, 500, 1).data();
    assertThat(stored).isEqualTo(rows);
    assertThat(JointDraws.of(p).simulate(128, 10, 1).data().x()).isEqualTo(rows.x().rows(128, 138));
  }

  /** The medical generator as a store: fresh Monte Carlo pairs, the same bytes on 1 or 2 threads. */
  @Test
  void medicalColonSimulatesIntoAStoreWhateverTheThreads() throws IOException {
    Map<String, Object> coarse = Map.of("photon_target", 0.2, "min_photons", 200, "max_photons", 2000,
        "wavelengths_per_band", 1);
    for (int threads : new int[] {1, 2}) {
      Map<String, Object> m = new java.util.HashMap<>(coarse);
      m.put("threads", threads);
      Settings s = Settings.resolve("p", new MedicalColonProvider().defaults(), m);
      Problem p = new MedicalColonProvider().create(s);
      StoreWriter.fill(SimulationStore.open(tmp.resolve("m" + threads), StorePlan.of("medical-colon", p, s, 4, 6, 3)),
          p, threads, QUIET);
    }
    assertSameFiles(tmp.resolve("m1"), tmp.resolve("m2"));
    Dataset d = SimulationStore.read(tmp.resolve("m1")).data();
    assertThat(d.x().cols()).isEqualTo(13);
    assertThat(d.y().cols()).isEqualTo(8);
    assertThat(d.y().firstNonFinite()).isNegative();
    double[] lo = dev.inn.problems.medical.ColonModel.priorSupport().lower();
    double[] hi = dev.inn.problems.medical.ColonModel.priorSupport().upper();
    for (int i = 0; i < d.size(); i++) {
      for (int k = 0; k < 13; k++) {
        assertThat((double) d.x().get(i, k)).isBetween(lo[k], hi[k]);
      }
    }
  }
}
