package dev.inn.bench.report;

import dev.inn.bench.harness.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Versions and environment recorded with a run.
 *
 * @param java the Java runtime version
 * @param inn the inn version (jar manifest, else "development")
 * @param gitCommit the git commit of the inn checkout, or "unknown"
 * @param threads available processors
 * @param commandLine how the run was started
 */
public record RunInfo(String java, String inn, String gitCommit, int threads, String commandLine) {

  /** Detects versions; {@code home} is the inn checkout (system property {@code inn.home}) when known. */
  public static RunInfo detect(String commandLine) {
    String inn = RunInfo.class.getPackage().getImplementationVersion();
    return new RunInfo(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        inn == null ? "0.1.0-SNAPSHOT (development)" : inn, gitCommit(System.getProperty("inn.home")),
        Runtime.getRuntime().availableProcessors(), commandLine);
  }

  private static String gitCommit(String home) {
    if (home == null || !Files.isDirectory(Path.of(home, ".git")) && !Files.isRegularFile(Path.of(home, ".git"))) {
      return "unknown";
    }
    try {
      Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "unknown";
      }
      Process dirty = new ProcessBuilder("git", "-C", home, "status", "--porcelain", "--untracked-files=no")
          .redirectErrorStream(true).start();
      String changes = new String(dirty.getInputStream().readAllBytes()).trim();
      dirty.waitFor(5, TimeUnit.SECONDS);
      return out + (changes.isEmpty() ? "" : " (with uncommitted changes)");
    } catch (Exception e) {
      return "unknown";
    }
  }

  String describe(RunResults run) {
    return String.format(Locale.ROOT, "suite: %s (%s)%nseeds: %s%nstarted: %s%nwall time: %.1f s%njava: %s%ninn: %s%n"
        + "git commit: %s%nprocessors: %d%ncommand: %s%n", run.suite().name(), run.suite().source(), run.suite().seeds(),
        run.started(), run.seconds(), java, inn, gitCommit, threads, commandLine);
  }
}
