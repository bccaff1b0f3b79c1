package dev.inn.baselines.cgan;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/** {@code cgan}: the small conditional GAN of the paper's appendix (INN-sized, L2 pre-training). */
public final class CganProvider implements MethodProvider {

  @Override
  public String name() {
    return "cgan";
  }

  @Override
  public String description() {
    return "conditional GAN, INN-sized generator and discriminator, L2 pre-training of the generator";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return CganConfig.smallDefaults();
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
