package dev.inn.problems.ballistics;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;

/** Registers {@code ballistics} (no settings). */
public final class BallisticsProvider implements ProblemProvider {

  @Override
  public String name() {
    return Ballistics.NAME;
  }

  @Override
  public String description() {
    return "projectile with drag, y = landing position (Kruse et al. 2021)";
  }

  @Override
  public Problem create(Settings settings) {
    return new Ballistics();
  }
}
