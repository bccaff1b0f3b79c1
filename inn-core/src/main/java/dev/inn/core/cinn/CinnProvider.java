package dev.inn.core.cinn;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.plugin.PluginLookup;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code cinn}: the conditional INN trained by maximum likelihood. */
public final class CinnProvider implements MethodProvider {

  private final PluginLookup plugins;
  // settings as read (validated) to their parsed record, so creating a cINN per problem and seed
  // does not parse them again; settings are immutable values, and a program reads few of them
  private final Map<Settings, CinnSettings> parsed = new java.util.concurrent.ConcurrentHashMap<>();

  /** @param plugins where the method finds its blocks, kernels and condition networks */
  @Inject
  public CinnProvider(PluginLookup plugins) {
    this.plugins = plugins;
  }

  @Override
  public String name() {
    return "cinn";
  }

  @Override
  public String description() {
    return "conditional INN x <-> z given h(y), maximum likelihood, early stopping (Ardizzone et al. 2019b)";
  }

  @Override
  public Map<String, Object> defaults() {
    return CinnConfig.defaults();
  }

  @Override
  public Map<String, String> settingDescriptions() {
    return CinnConfig.descriptions();
  }

  @Override
  public void validate(Settings settings) {
    parsed(settings);
  }

  private CinnSettings parsed(Settings settings) {
    return parsed.computeIfAbsent(settings, s -> CinnSettings.parse(s, plugins));
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new CinnMethod(problem, parsed(settings), plugins);
  }
}
