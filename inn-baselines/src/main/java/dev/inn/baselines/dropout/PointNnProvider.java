package dev.inn.baselines.dropout;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * {@code point-nn}: the classical regression network y -> x trained by squared error (paper
 * Table 1, "NN"). It has no distribution: its "posterior samples" are n identical copies of
 * the point estimate, so sample-based metrics see a zero-width posterior.
 */
public final class PointNnProvider implements MethodProvider {

  @Override
  public String name() {
    return "point-nn";
  }

  @Override
  public String description() {
    return "point-estimate NN y -> x (squared error); samples are n copies of the estimate";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return DropoutConfig.pointDefaults();
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    DropoutConfig.from(settings);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new DropoutRegression(name(), problem, DropoutConfig.from(settings));
  }
}
