package dev.inn.core.inn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import dev.inn.core.persistence.ModelFile;
import dev.inn.core.plugin.PluginRegistry;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, load through a fresh registry, sample: identical draws; broken files give clear errors. */
class PersistenceTest {

  @TempDir
  Path dir;

  @Test
  void loadedModelSamplesIdentically() throws IOException {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Settings ps = PluginRegistry.settingsFor(pp, "problem", Map.of("scale", 2.0));
    Problem problem = pp.create(ps);
    MethodProvider mp = registry.find(MethodProvider.class, "inn");
    Settings ms = PluginRegistry.settingsFor(mp, "method", Map.of("blocks", 2, "hidden", 16, "steps", 60,
        "standardize", true, "threads", 1));
    PosteriorMethod inn = mp.create(problem, ms);
    inn.train(problem.sample(500, 1), TrainingContext.quiet(2));
    Path file = dir.resolve("model.inn");
    ModelFile.save(file, new ModelFile.Header(ModelFile.FORMAT_VERSION, "inn", ms, "test-sum", ps), inn);

    // a registry over a new class loader, as in a fresh JVM
    PluginRegistry fresh = dev.inn.core.inject.Application.create(
        new URLClassLoader(new java.net.URL[0], getClass().getClassLoader())).getInstance(PluginRegistry.class);
    ModelFile.Loaded loaded = ModelFile.load(file, fresh);
    float[] y = {1.5f};
    Matrix a = inn.sample(y, 300, 9);
    Matrix b = loaded.method().sample(y, 300, 9);
    assertThat(b).isEqualTo(a);
    assertThat(loaded.header().problemSettings().getDouble("scale")).isEqualTo(2.0);
    assertThat(inn.sample(y, 300, 10)).isNotEqualTo(a);
  }

  @Test
  void brokenFilesAreRefusedWithTheirName() throws IOException {
    Path junk = dir.resolve("junk.inn");
    Files.writeString(junk, "not a model");
    assertThatThrownBy(() -> ModelFile.load(junk, PluginRegistry.fromClassPath()))
        .isInstanceOf(IOException.class).hasMessageContaining("junk.inn");
    assertThatThrownBy(() -> ModelFile.load(dir.resolve("missing.inn"), PluginRegistry.fromClassPath()))
        .hasMessageContaining("does not exist");
  }

  private Path trainedCinn(String name, long seed) throws IOException {
    PluginRegistry registry = PluginRegistry.fromClassPath();
    ProblemProvider pp = registry.find(ProblemProvider.class, "test-sum");
    Settings ps = PluginRegistry.settingsFor(pp, "problem", Map.of("scale", 2.0));
    Problem problem = pp.create(ps);
    MethodProvider mp = registry.find(MethodProvider.class, "cinn");
    Settings ms = PluginRegistry.settingsFor(mp, "method", Map.of("blocks", 2, "hidden", 16, "max_epochs", 3,
        "threads", 1));
    PosteriorMethod cinn = mp.create(problem, ms);
    cinn.train(problem.sample(400, 1), TrainingContext.quiet(seed));
    Path file = dir.resolve(name);
    ModelFile.save(file, new ModelFile.Header(ModelFile.FORMAT_VERSION, "cinn", ms, "test-sum", ps), cinn);
    return file;
  }

  @Test
  void sameSeedGivesTheSameBytes() throws IOException {
    byte[] a = Files.readAllBytes(trainedCinn("a.inn", 3));
    byte[] b = Files.readAllBytes(trainedCinn("b.inn", 3));
    assertThat(b).isEqualTo(a);
    assertThat(Files.readAllBytes(trainedCinn("c.inn", 4))).isNotEqualTo(a);
  }

  @Test
  void flippedOrMissingBytesAreRefusedByTheChecksum() throws IOException {
    Path file = trainedCinn("m.inn", 3);
    byte[] good = Files.readAllBytes(file);
    assertThat(ModelFile.load(file, PluginRegistry.fromClassPath()).method()).isNotNull();
    // 40 bytes flipped in the weights, as in the reported case
    byte[] flipped = good.clone();
    for (int i = 0; i < 40; i++) {
      flipped[good.length / 2 + i] ^= 0x5A;
    }
    Path bad = dir.resolve("flipped.inn");
    Files.write(bad, flipped);
    assertThatThrownBy(() -> ModelFile.load(bad, PluginRegistry.fromClassPath()))
        .isInstanceOf(IOException.class).hasMessageContaining("flipped.inn").hasMessageContaining("checksum");
    Path cut = dir.resolve("cut.inn");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(() -> ModelFile.load(cut, PluginRegistry.fromClassPath()))
        .isInstanceOf(IOException.class).hasMessageContaining("cut.inn");
  }

  @Test
  void aDestinationThatIsNotARegularFileIsRefusedBeforeWriting() throws IOException {
    Path folder = dir.resolve("a-folder");
    Files.createDirectories(folder);
    assertThatThrownBy(() -> ModelFile.checkWritable(folder)).hasMessageContaining("not a regular file");
    if (Files.exists(Path.of("/dev/full"))) {
      assertThatThrownBy(() -> ModelFile.checkWritable(Path.of("/dev/full")))
          .hasMessageContaining("not a regular file");
    }
  }
}
