package dev.inn.spark.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need beyond Spark's own: inn's modules and the libraries inn
 * uses (the class path of {@code inn} without Spark, {@code inn-bench/target/lib}), and the
 * plugin jars of the plugins folder. The driver ships them ({@code spark.jars}); a cluster's
 * Spark installation provides the rest.
 */
final class ApplicationJars {

  private ApplicationJars() {
  }

  /**
   * inn's jars on this JVM's class path: every {@code inn-*.jar}, and every jar of
   * {@code $INN_HOME/inn-bench/target/lib} (inn's libraries; without {@code inn.home}, only inn's
   * own jars).
   */
  static List<Path> ofThisApplication() {
    Set<String> innLibraries = new LinkedHashSet<>();
    String home = System.getProperty("inn.home");
    if (home != null) {
      Path lib = Path.of(home, "inn-bench", "target", "lib");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> files = Files.list(lib)) {
          files.forEach(f -> innLibraries.add(f.getFileName().toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + lib + ": " + e.getMessage(), e);
        }
      }
    }
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("inn-") || innLibraries.contains(name)) {
        out.add(Path.of(entry));
      }
    }
    return out;
  }

  /** The jars of the plugins folder, by name (none when it does not exist). */
  static List<Path> pluginJars(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugin folder " + folder + ": " + e.getMessage(), e);
    }
  }

  private static final Pattern TASK_FAILURE = Pattern.compile(
      "Job aborted due to stage failure: Task \\S+ in stage \\S+ failed (\\d+) times?, most recent failure: "
          + "Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\(([^)]*)\\): (?:[\\w.$]+(?:Exception|Error): )?(.*)");

  /**
   * Spark's one-line report of a failed job, shortened to what went wrong and where: "a Spark
   * task failed N times, last on HOST executor E: MESSAGE". Other messages pass unchanged.
   */
  static String explainTaskFailure(String message) {
    Matcher m = TASK_FAILURE.matcher(message);
    if (!m.find()) {
      return message;
    }
    return "a Spark task failed " + m.group(1) + " time(s), last on " + m.group(2) + ": " + m.group(3);
  }
}
