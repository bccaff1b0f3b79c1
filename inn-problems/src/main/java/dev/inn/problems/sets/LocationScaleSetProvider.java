package dev.inn.problems.sets;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.testdata.TestData;
import java.util.Map;

/**
 * Registers {@code location-scale-set}. Settings: {@code min_size} and {@code max_size} of the
 * simulated sets (5 and 100), {@code evaluate_size} (every test observation of this size; 0 draws
 * it like training) and {@code test_data} ("simulator", "shifted" or "contaminated", see
 * {@link TestData}). Training simulations depend on the sizes only.
 */
public final class LocationScaleSetProvider implements ProblemProvider {

  @Override
  public String name() {
    return LocationScaleSet.NAME;
  }

  @Override
  public String description() {
    return "a set of 5..100 values ~ N(mu, sigma^2), x = (mu, log sigma), exact normal-inverse-gamma posterior";
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("min_size", 5, "max_size", 100, "evaluate_size", 0, "test_data", "simulator");
  }

  @Override
  public void validate(Settings s) {
    long min = s.getLong("min_size");
    long max = s.getLong("max_size");
    if (min < 1) {
      throw new ConfigurationException("min_size", "problem '" + name() + "': min_size must be at least 1, got " + min);
    }
    if (max < min) {
      throw new ConfigurationException("max_size", "problem '" + name() + "': max_size " + max
          + " is below min_size " + min);
    }
    long evaluate = s.getLong("evaluate_size");
    if (evaluate < 0) {
      throw new ConfigurationException("evaluate_size", "problem '" + name()
          + "': evaluate_size must be 0 (sizes as in training) or a set size, got " + evaluate);
    }
    TestData.of(s, name());
  }

  @Override
  public Problem create(Settings settings) {
    Settings s = settings;
    return new LocationScaleSet(s.getInt("min_size"), s.getInt("max_size"), s.getInt("evaluate_size"), TestData.of(s, name()));
  }
}
