package dev.inn.problems.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.problem.Simulation;
import dev.inn.api.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedicalColonProblemTest {

  private static final PhotonBudget COARSE = new PhotonBudget(0.08, 500, 20_000, 2);

  private static GenerationSettings small(int train, int test) {
    return new GenerationSettings(17, train, test, 4, COARSE, 10);
  }

  @Test
  void generatesResumesAndRefusesOtherSettings(@TempDir Path dir) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    GenerationSettings s = small(8, 2);
    assertThat(ColonDataGenerator.generate(dir, s, 2, quiet)).isEqualTo(3);
    byte[] middle = Files.readAllBytes(dir.resolve(ColonDataGenerator.chunkName(1)));
    Files.delete(dir.resolve(ColonDataGenerator.chunkName(1)));
    assertThat(ColonDataSet.open(dir).trainSize() + ColonDataSet.open(dir).testSize()).isEqualTo(6);
    // Resume: only the missing chunk is made, with the same numbers whatever the thread count.
    assertThat(ColonDataGenerator.generate(dir, s, 1, quiet)).isEqualTo(1);
    assertThat(Files.readAllBytes(dir.resolve(ColonDataGenerator.chunkName(1)))).isEqualTo(middle);
    assertThat(ColonDataGenerator.generate(dir, s, 1, quiet)).isZero();
    assertThatThrownBy(() -> ColonDataGenerator.generate(dir, small(8, 3), 1, quiet))
        .hasMessageContaining("other settings").hasMessageContaining("test: folder 2, requested 3");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }

    ColonDataSet data = ColonDataSet.open(dir);
    assertThat(data.trainSize()).isEqualTo(8);
    assertThat(data.testSize()).isEqualTo(2);
    Dataset train = data.train(8, 1);
    Dataset test = data.test(2, 1);
    Set<Float> trainSo2 = new HashSet<>();
    for (float v : train.x().column(0)) {
      trainSo2.add(v);
    }
    for (float v : test.x().column(0)) {
      assertThat(trainSo2).doesNotContain(v);
    }
    // Stored observations are normalised: unit L2 norm, positive entries.
    for (int i = 0; i < train.size(); i++) {
      double norm = 0;
      for (float v : train.y().row(i)) {
        assertThat(v).isPositive();
        norm += v * v;
      }
      assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    // x rows are the prior draws of the same seed.
    Matrix prior = MedicalColonProblem.samplePrior(10, 17);
    Set<Float> priorSo2 = new HashSet<>();
    for (float v : prior.column(0)) {
      priorSo2.add(v);
    }
    assertThat(priorSo2).containsAll(trainSo2);
    assertThatThrownBy(() -> data.train(9, 1)).hasMessageContaining("only 8").hasMessageContaining("ColonDataGenerator");
  }

  @Test
  void providerIsRegisteredAndSimulatesWithInvalidRowsMarked(@TempDir Path dir) throws Exception {
    GenerationSettings fine = new GenerationSettings(3, 3, 1, 4, new PhotonBudget(0.02, 2_000, 200_000, 2), 10);
    ColonDataGenerator.generate(dir, fine, 2, new PrintStream(new ByteArrayOutputStream()));
    ProblemProvider provider = ServiceLoader.load(ProblemProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("medical-colon")).findFirst().orElseThrow();
    Problem p = provider.create(provider.settings(Map.of("data", dir.toString(), 
        "min_photons", 2000, "wavelengths_per_band", 2, "threads", 2, "photon_target", 0.02)));
    assertThat(p.parameterDim()).isEqualTo(13);
    assertThat(p.observationDim()).isEqualTo(8);
    assertThat(p.latentDim()).isEqualTo(13);
    assertThat(p.observationNames()).first().isEqualTo("band_470nm");
    Dataset d = p.sample(3, 5);
    assertThat(p.testSet(1, 5).size()).isEqualTo(1);
    assertThatThrownBy(() -> p.sample(4, 5)).hasMessageContaining("--train");

    float[] good = d.x().row(0);
    float[] bad = good.clone();
    bad[3] = 1.2f; // g_1 >= 1
    Simulation sim = p.noiselessForward().orElseThrow().evaluate(Matrix.of(new float[][] {good, bad}));
    assertThat(sim.valid()).containsExactly(true, false);
    assertThat(sim.y().get(1, 0)).isNaN();
    // Noiseless re-simulation (2 % error) is close to the stored noiseless reflectance (2 %),
    // normalised; a 3-sigma band error moves a normalised entry by about 0.012.
    double[] stored = new double[8];
    Matrix r = ColonDataSet.open(dir).trainReflectance(3, 5);
    for (int k = 0; k < 8; k++) {
      stored[k] = r.get(0, k);
    }
    double[] expected = Measurement.normalize(stored);
    for (int k = 0; k < 8; k++) {
      assertThat((double) sim.y().get(0, k)).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(0.015));
    }
    assertThatThrownBy(() -> provider.create(provider.settings(Map.of("photons", 5)))).hasMessageContaining("photons");
  }
}
