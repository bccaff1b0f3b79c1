package dev.inn.problems.rawcurves;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;

/** Registers {@code lotka-volterra-raw} (no settings). */
public final class LotkaVolterraCurveProvider implements ProblemProvider {

  @Override
  public String name() {
    return LotkaVolterraCurve.NAME;
  }

  @Override
  public String description() {
    return "sbibm lotka_volterra as its whole noisy prey/predator curves (201 steps), MCMC reference posterior";
  }

  @Override
  public Problem create(Settings settings) {
    return new LotkaVolterraCurve();
  }
}
