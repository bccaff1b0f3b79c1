package dev.inn.api.method;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;

/** Makes an untrained posterior method (e.g. {@code inn}, {@code cvae}, {@code abc}) for a problem. */
public interface MethodProvider extends Plugin {

  PosteriorMethod create(Problem problem, Settings settings);
}
