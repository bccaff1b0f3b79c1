package dev.inn.baselines.mmdgen;

import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code generator-mmd}: the cGAN's generator trained by MMD on [x, y] pairs instead of a discriminator. */
public final class MmdGeneratorProvider implements MethodProvider {

  private final PluginLookup plugins;

  /** @param plugins where the generator finds its kernel */
  @Inject
  public MmdGeneratorProvider(PluginLookup plugins) {
    this.plugins = plugins;
  }

  @Override
  public String name() {
    return "generator-mmd";
  }

  @Override
  public String description() {
    return "generator [z,y] -> x trained with MMD between [G(z,y), y] and true [x, y] pairs";
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public Map<String, String> settingDescriptions() {
    return dev.inn.core.training.OptimizerConfig.descriptions();
  }

  @Override
  public Map<String, Object> defaults() {
    return MmdGeneratorConfig.defaults();
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    kernel(MmdGeneratorConfig.from(settings).kernel());
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    MmdGeneratorConfig config = MmdGeneratorConfig.from(settings);
    return new MmdGenerator(name(), problem, config, kernel(config.kernel()));
  }

  private Kernel kernel(Map<String, Object> table) {
    try {
      var ref = plugins.reference(KernelProvider.class, table, "setting 'kernel' of method '" + name() + "'");
      return ref.plugin().create(ref.settings());
    } catch (ConfigurationException e) {
      throw new ConfigurationException("kernel" + e.key().map(k -> "." + k).orElse(""), e.getMessage());
    }
  }
}
