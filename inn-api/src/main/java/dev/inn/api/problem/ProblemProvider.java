package dev.inn.api.problem;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.settings.Settings;

/** Makes a problem from its settings, e.g. {@code gaussian-mixture-8} with {@code labels = "some"}. */
public interface ProblemProvider extends Plugin {

  Problem create(Settings settings);
}
