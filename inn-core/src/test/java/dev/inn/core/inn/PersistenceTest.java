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
    ModelFile.save(file, new ModelFile.Header(ModelFile.FORMAT_VERSION, "inn", ms, "test-sum", ps), problem, inn);

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

}
