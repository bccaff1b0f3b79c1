package dev.inn.api.method;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;

/** Makes an untrained posterior method (e.g. {@code inn}, {@code cvae}, {@code abc}) for a problem. */
public interface MethodProvider extends Plugin {

  /**
   * An untrained method for {@code problem}.
   *
   * @param problem the problem it will learn (dimensions, support, simulator)
   * @param settings this plugin's settings, merged over {@link #defaults()} and checked by {@link #validate}
   * @return a new method; train it before sampling
   * @throws dev.inn.api.settings.ConfigurationException when the settings do not fit the problem
   */
  PosteriorMethod create(Problem problem, Settings settings);
}
