package dev.inn.bench.plugin;

import dev.inn.api.plugin.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar in a test the way a third party would: Java sources compiled with
 * {@code javax.tools} against the inn-api classes and the jakarta.inject annotations only
 * (nothing of the core on the class path), then jarred with their service files.
 */
final class PluginJar {

  private PluginJar() {}

  /** Where a class of the test class path was loaded from (a jar or a classes folder). */
  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compile class path of a third-party plugin: inn-api and jakarta.inject. */
  static String apiClassPath() {
    return locationOf(Plugin.class) + java.io.File.pathSeparator + locationOf(jakarta.inject.Inject.class);
  }

  /**
   * Compiles {@code sources} against {@code classPath} (file name relative to the source root to text) and writes
   * {@code jar} with the classes and {@code services} (interface name to implementations).
   */
  static void build(Path work, String classPath, Map<String, String> sources, Map<String, List<String>> services,
      Path jar) throws IOException {
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
        "-classpath", classPath, "-d", classes.toString()));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = javac.run(null, null, err, args.toArray(new String[0]));
    if (code != 0) {
      throw new IllegalStateException("plugin sources do not compile against inn-api alone:\n" + err);
    }
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
      }
      for (Map.Entry<String, List<String>> s : services.entrySet()) {
        j.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
        j.write((String.join("\n", s.getValue()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
  }
}
