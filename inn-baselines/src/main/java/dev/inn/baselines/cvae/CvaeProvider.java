package dev.inn.baselines.cvae;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/** {@code cvae}: conditional variational autoencoder (Sohn et al. 2015), the paper's main baseline. */
public final class CvaeProvider implements MethodProvider {

  @Override
  public String name() {
    return "cvae";
  }

  @Override
  public String description() {
    return "conditional VAE: encoder [x,y] -> q(z), decoder [z,y] -> x, ELBO with weighted reconstruction";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return CvaeConfig.defaults();
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    CvaeConfig.from(settings);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new Cvae(name(), problem, CvaeConfig.from(settings));
  }
}
