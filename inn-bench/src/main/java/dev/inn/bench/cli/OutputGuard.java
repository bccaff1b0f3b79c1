package dev.inn.bench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The one place where a command that writes a file decides whether it may: an existing
 * {@code --out} is replaced only when it is an earlier output of the same kind (a model by a
 * model, samples by samples of the same parameters) or the user passes {@code --force}, and
 * never when it is one of the files the command reads.
 */
final class OutputGuard {

  @Option(names = "--force",
      description = "replace an existing --out file even when it is not an earlier output of this kind (never an input)")
  boolean force;

  /**
   * Refuses, before any work, to write {@code out} over an input or over a file of another kind.
   *
   * @param kind what the command writes, e.g. "an inn model file"
   * @param sameKind true for an existing file this command may replace without --force
   * @param inputs the files the command reads (null entries are skipped)
   */
  void check(Path out, String kind, Predicate<Path> sameKind, Collection<Path> inputs) throws IOException {
    if (out == null || !Files.exists(out)) {
      return;
    }
    for (Path in : inputs) {
      if (in != null && Files.exists(in) && Files.isSameFile(in, out)) {
        throw new IllegalArgumentException("--out " + out + " is " + in + ", which this command reads; write the"
            + " output to another file");
      }
    }
    // a folder or a device is no file to replace: the writer refuses it with its own message
    if (!force && Files.isRegularFile(out) && !sameKind.test(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not " + kind + "; inn does not replace it"
          + " (choose another name, or pass --force to replace it)");
    }
  }

  /** True when {@code file} is a text file whose first line is {@code header}. */
  static boolean startsWithLine(Path file, String header) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] head = new char[header.length() + 2];
      int n = r.read(head);
      String first = n <= 0 ? "" : new String(head, 0, n).lines().findFirst().orElse("");
      return first.strip().equals(header);
    } catch (IOException e) {
      return false; // unreadable as UTF-8 text: not one of our outputs
    }
  }
}
