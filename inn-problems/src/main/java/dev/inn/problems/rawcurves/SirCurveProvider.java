package dev.inn.problems.rawcurves;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;

/** Registers {@code sir-raw} (no settings). */
public final class SirCurveProvider implements ProblemProvider {

  @Override
  public String name() {
    return SirCurve.NAME;
  }

  @Override
  public String description() {
    return "sbibm sir as its whole daily binomial curve (161 steps), MCMC reference posterior";
  }

  @Override
  public Problem create(Settings settings) {
    return new SirCurve();
  }
}
