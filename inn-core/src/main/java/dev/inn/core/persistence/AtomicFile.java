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

  /** Fails when {@code file} exists and is not a regular file (a device such as /dev/full, a folder). */
  public static void refuseNonRegular(Path file, String what) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("refusing to write " + what + " onto " + file + ": it exists and is not a regular file");
    }
  }
}
