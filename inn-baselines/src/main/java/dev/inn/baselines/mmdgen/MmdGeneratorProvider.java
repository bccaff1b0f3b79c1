package dev.inn.baselines.mmdgen;

import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.baselines.method.NetworkMethodProvider;
import jakarta.inject.Inject;

/** {@code generator-mmd}: the cGAN's generator trained by MMD on [x, y] pairs instead of a discriminator. */
public final class MmdGeneratorProvider extends NetworkMethodProvider<MmdGeneratorProvider.Parsed> {

  /** The generator's settings with the kernel they name, made (and so checked) with them. */
  record Parsed(MmdGeneratorConfig config, Kernel kernel) {}

  /** @param plugins where the generator finds its kernel */
  @Inject
  public MmdGeneratorProvider(PluginLookup plugins) {
    super("generator-mmd", "generator [z,y] -> x trained with MMD between [G(z,y), y] and true [x, y] pairs",
        MmdGeneratorConfig.defaults(), s -> parse(plugins, s),
        (name, problem, p) -> new MmdGenerator(name, problem, p.config(), p.kernel()));
  }

  private static Parsed parse(PluginLookup plugins, Settings settings) {
    MmdGeneratorConfig config = MmdGeneratorConfig.from(settings);
    try {
      var ref = plugins.reference(KernelProvider.class, config.kernel(),
          "setting 'kernel' of method 'generator-mmd'");
      return new Parsed(config, ref.plugin().create(ref.settings()));
    } catch (ConfigurationException e) {
      throw new ConfigurationException("kernel" + e.key().map(k -> "." + k).orElse(""), e.getMessage());
    }
  }
}
