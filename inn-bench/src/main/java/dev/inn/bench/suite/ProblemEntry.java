package dev.inn.bench.suite;

import dev.inn.api.settings.Settings;
import java.util.Optional;

/**
 * One problem of a suite.
 *
 * @param label the name shown in tables (unique within the suite)
 * @param plugin the registered problem name
 * @param settings resolved problem settings
 * @param observation the y* shown in posterior figures (default: the first test observation)
 * @param trainSize training pairs for this problem, overriding the suite's
 * @param store a simulation store (folder) to draw the training pairs from instead of the problem
 */
public record ProblemEntry(String label, String plugin, Settings settings, Optional<float[]> observation,
    int trainSize, Optional<java.nio.file.Path> store) {

  /** An entry whose training pairs come from the problem itself. */
  public ProblemEntry(String label, String plugin, Settings settings, Optional<float[]> observation, int trainSize) {
    this(label, plugin, settings, observation, trainSize, Optional.empty());
  }
}
