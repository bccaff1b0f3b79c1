package dev.inn.bench.cli;

import dev.inn.core.persistence.ModelFile;
import java.nio.file.Path;

/** The one-line description of a loaded model for the pages of {@code analyze} and {@code diagnose}. */
final class ModelDescription {

  private ModelDescription() {}

  static String of(Path file, ModelFile.Loaded loaded) {
    return "Model " + file.getFileName() + ": method '" + loaded.header().method() + "' trained on problem '"
        + loaded.header().problem() + "'";
  }
}
