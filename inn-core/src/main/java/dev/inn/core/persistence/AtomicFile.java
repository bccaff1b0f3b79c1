package dev.inn.core.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Complete-or-absent files: the bytes go to a temporary file in the target folder, which is
 * renamed onto the target only when fully written, so an interrupted write never leaves a
 * half-written file. Anything but a regular file or a new path is refused as a target.
 */
public final class AtomicFile {

  private AtomicFile() {}

  /** Writes {@code bytes} to {@code file} atomically, creating its folder if needed. */
  public static void write(Path file, byte[] bytes) throws IOException {
    refuseNonRegular(file, "a file");
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Fails before any work when the file system that holds (or will hold) {@code dir} has less than {@code bytes}
   * free, so a long run does not end on a full disk; the message names the folder, what is free
   * and what is needed.
   */
  public static void checkSpace(Path dir, long bytes, String what) throws IOException {
    Path existing = dir.toAbsolutePath();
    while (existing.getParent() != null && !Files.exists(existing)) {
      existing = existing.getParent(); // the folder may not exist yet; its file system is its nearest ancestor's
    }
    java.nio.file.FileStore store = Files.getFileStore(existing);
    if (java.util.Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs", "securityfs", "devpts")
        .contains(store.type())) {
      throw new IOException("cannot write " + what + " into " + dir + ": it is on the virtual file system '"
          + store.type() + "', which holds no files");
    }
    if (!Files.isWritable(existing)) {
      throw new IOException("cannot write " + what + " into " + dir + ": " + existing + " is not writable");
    }
    long free = store.getUsableSpace();
    if (free < bytes) {
      throw new IOException("not enough space for " + what + " in " + dir + ": " + megabytes(free) + " free, about "
          + megabytes(bytes) + " needed; free some space or choose another folder");
    }
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  /** Fails when {@code file} exists and is not a regular file (a device such as /dev/full, a folder). */
  public static void refuseNonRegular(Path file, String what) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("refusing to write " + what + " onto " + file + ": it exists and is not a regular file");
    }
  }
}
