package dev.inn.baselines.mmdgen;

import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import java.util.HashMap;
import java.util.Map;

/** {@code generator-mmd}: the cGAN's generator trained by MMD on [x, y] pairs instead of a discriminator. */
public final class MmdGeneratorProvider implements MethodProvider {

  @Override
  public String name() {
    return "generator-mmd";
  }

  @Override
  public String description() {
    return "generator [z,y] -> x trained with MMD between [G(z,y), y] and true [x, y] pairs";
  }

  @Override
  public Map<String, Object> defaults() {
    return MmdGeneratorConfig.defaults();
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    Settings s = Settings.resolve("method '" + name() + "'", defaults(), settings.asMap());
    MmdGeneratorConfig config = MmdGeneratorConfig.from(s);
    return new MmdGenerator(name(), problem, config, kernel(config.kernel()));
  }

  private Kernel kernel(Map<String, Object> table) {
    Object kernelName = table.get("name");
    if (!(kernelName instanceof String n)) {
      throw new ConfigurationException("setting 'kernel' of method '" + name()
          + "' needs a name, e.g. {name = \"imq\", widths = [0.5]}");
    }
    Map<String, Object> rest = new HashMap<>(table);
    rest.remove("name");
    KernelProvider p = PluginRegistry.current().find(KernelProvider.class, n);
    return p.create(PluginRegistry.settingsFor(p, "kernel", rest));
  }
}
