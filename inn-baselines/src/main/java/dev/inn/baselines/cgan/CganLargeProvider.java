package dev.inn.baselines.cgan;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * {@code cgan-large}: the larger conditional GAN of the paper's appendix (2 x 1024 units,
 * latent 128, generator dropout, output-variance penalty); same settings as {@code cgan},
 * other defaults.
 */
public final class CganLargeProvider implements MethodProvider {

  @Override
  public String name() {
    return "cgan-large";
  }

  @Override
  public String description() {
    return "larger conditional GAN: 2 x 1024 units, latent 128, dropout, variance penalty against mode collapse";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return CganConfig.largeDefaults();
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    CganConfig.from(settings);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new Cgan(name(), problem, CganConfig.from(settings));
  }
}
