package dev.inn.problems.mixture;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.Map;

/** Registers {@code gaussian-mixture-8}; setting {@code labels} = "some" | "all" | "none". */
public final class GaussianMixture8Provider implements ProblemProvider {

  @Override
  public String name() {
    return GaussianMixture8.NAME;
  }

  @Override
  public String description() {
    return "8 Gaussians on a circle in R^2, y = one-hot class of the nearest centre (paper Fig. 2)";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("labels", "some");
  }

  @Override
  public void validate(Settings settings) {
    try {
      LabelMap.fromSetting(settings.getString("labels"));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("labels", e.getMessage());
    }
  }

  @Override
  public Problem create(Settings settings) {
    return new GaussianMixture8(LabelMap.fromSetting(settings.getString("labels")));
  }
}
