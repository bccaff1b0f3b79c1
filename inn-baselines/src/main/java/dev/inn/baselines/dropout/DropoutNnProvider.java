package dev.inn.baselines.dropout;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * {@code dropout-nn}: regression y -> x with Monte Carlo dropout ({@code dropout}) and learned
 * aleatoric variance ({@code aleatoric}); {@code dropout = 0, aleatoric = false} is the same as
 * {@code point-nn}.
 */
public final class DropoutNnProvider implements MethodProvider {

  @Override
  public String name() {
    return "dropout-nn";
  }

  @Override
  public String description() {
    return "NN y -> x with dropout sampling and learned aleatoric variance (Kendall and Gal 2017)";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return DropoutConfig.defaults();
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
