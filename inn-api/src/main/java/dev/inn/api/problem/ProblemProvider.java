package dev.inn.api.problem;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.settings.Settings;

/** Makes a problem from its settings, e.g. {@code gaussian-mixture-8} with {@code labels = "some"}. */
public interface ProblemProvider extends Plugin {

  /**
   * The problem for these settings.
   *
   * @param settings this plugin's settings, merged over {@link #defaults()} and checked by {@link #validate}
   * @return the problem (immutable; sampling is reproducible for a seed)
   */
  Problem create(Settings settings);
}
