package dev.inn.problems.kinematics;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import java.util.Map;

/** Registers {@code inverse-kinematics} (no settings). */
public final class InverseKinematicsProvider implements ProblemProvider {

  @Override
  public String name() {
    return InverseKinematics.NAME;
  }

  @Override
  public String description() {
    return "arm on a rail with three joints, y = end point (paper Fig. 3, Table 2)";
  }

  @Override
  public Problem create(Settings settings) {
    return new InverseKinematics();
  }
}
