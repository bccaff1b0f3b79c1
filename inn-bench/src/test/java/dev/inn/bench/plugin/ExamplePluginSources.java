package dev.inn.bench.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The example plugin project ({@code examples/plugin-example}: a problem, a coupling block with
 * its own setting and a trainable method, written against inn-api alone, as docs/plugins.md
 * describes), read from the checkout so the tests build exactly what the guide shows; and a
 * second, test-only jar with a Guice module whose binding one of its plugins injects.
 */
final class ExamplePluginSources {

  private ExamplePluginSources() {}

  /** The example project's folder, found from the module folder the tests run in. */
  static Path exampleProject() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/plugin-example");
      if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/plugin-example not found above " + Path.of("").toAbsolutePath());
  }

  /** Its Java sources, by path below src/main/java. */
  static Map<String, String> pluginSources() {
    Path root = exampleProject().resolve("src/main/java");
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        out.put(root.relativize(f).toString(), Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Its service files: interface name to the listed classes. */
  static Map<String, List<String>> pluginServices() {
    Path root = exampleProject().resolve("src/main/resources/META-INF/services");
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path f : files.sorted().toList()) {
        out.put(f.getFileName().toString(), Files.readAllLines(f).stream().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The second jar (compiled with Guice and the example's classes on the class path): a
   * module binding a default noise, and a problem whose constructor injects that binding and
   * the example's own problem plugin.
   */
  static final Map<String, String> MODULE_SOURCES = Map.of(
      "org/example/wiring/WideModule.java", """
      package org.example.wiring;

      import com.google.inject.AbstractModule;
      import com.google.inject.name.Names;

      /** Binds what the wide problem asks for beyond the application's own bindings. */
      public final class WideModule extends AbstractModule {
        @Override
        protected void configure() {
          bind(Double.class).annotatedWith(Names.named("plugin-sum-wide.noise")).toInstance(2.0);
        }
      }
      """,
      "org/example/wiring/WideSumProvider.java", """
      package org.example.wiring;

      import dev.inn.api.problem.Problem;
      import dev.inn.api.problem.ProblemProvider;
      import dev.inn.api.settings.Settings;
      import jakarta.inject.Inject;
      import jakarta.inject.Named;
      import java.util.Map;
      import org.example.seam.SumProblemProvider;

      /** plugin-sum with the noise the module binds as its default. */
      public final class WideSumProvider implements ProblemProvider {
        private final SumProblemProvider base;
        private final double noise;

        @Inject
        public WideSumProvider(SumProblemProvider base, @Named("plugin-sum-wide.noise") Double noise) {
          this.base = base;
          this.noise = noise;
        }

        @Override
        public String name() {
          return "plugin-sum-wide";
        }

        @Override
        public String description() {
          return "example module: plugin-sum with a wider default noise";
        }

        @Override
        public Map<String, Object> defaults() {
          return Map.of("noise", noise);
        }

        @Override
        public Problem create(Settings settings) {
          return base.create(settings);
        }
      }
      """);

  static final Map<String, List<String>> MODULE_SERVICES = Map.of(
      "com.google.inject.Module", List.of("org.example.wiring.WideModule"),
      "dev.inn.api.problem.ProblemProvider", List.of("org.example.wiring.WideSumProvider"));
}
