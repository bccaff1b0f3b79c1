package dev.inn.core.inn;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code inn}: the invertible neural network with bi-directional training (the paper's method). */
public final class InnProvider implements MethodProvider {

  private final PluginLookup plugins;

  /** @param plugins where the method finds its blocks, kernels and condition networks */
  @Inject
  public InnProvider(PluginLookup plugins) {
    this.plugins = plugins;
  }

  @Override
  public String name() {
    return "inn";
  }

  @Override
  public String description() {
    return "invertible neural network, bi-directional training with L_y, L_z, L_x (Ardizzone et al. 2019)";
  }

  @Override
  public Map<String, Object> defaults() {
    return InnConfig.defaults();
  }

  @Override
  public void validate(Settings settings) {
    InnPlugins.resolve(InnConfig.from(settings), plugins);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new InnMethod(problem, settings, plugins);
  }
}
