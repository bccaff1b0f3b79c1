package dev.inn.baselines.iaf;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.baselines.cvae.Cvae;
import dev.inn.baselines.cvae.CvaeConfig;
import java.util.Map;

/**
 * {@code cvae-iaf}: the cVAE with inverse autoregressive flow steps on its approximate
 * posterior (settings of {@code cvae} plus {@code iaf_steps}, {@code iaf_hidden},
 * {@code iaf_layers}, {@code iaf_context}).
 */
public final class CvaeIafProvider implements MethodProvider {

  @Override
  public String name() {
    return "cvae-iaf";
  }

  @Override
  public String description() {
    return "conditional VAE with inverse autoregressive flow between encoder and decoder (Kingma et al. 2016)";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return CvaeConfig.iafDefaults();
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
