package dev.inn.core.inn;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Map;

/** {@code inn}: the invertible neural network with bi-directional training (the paper's method). */
public final class InnProvider implements MethodProvider {

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
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new InnMethod(problem, settings, PluginRegistry.current());
  }
}
