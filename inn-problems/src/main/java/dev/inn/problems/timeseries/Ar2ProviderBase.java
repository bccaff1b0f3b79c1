package dev.inn.problems.timeseries;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.testdata.TestData;
import dev.inn.problems.mcmc.RandomWalkMetropolis;
import java.util.Map;

/**
 * What the two AR(2) registrations share. Settings: {@code min_length} and {@code max_length} of
 * the simulated series (100 and 200), {@code evaluate_length} (every test series of this length;
 * 0 draws it like training) and {@code test_data} ("simulator", "shifted" or "contaminated", see
 * {@link TestData}). Training simulations depend on the lengths only.
 */
abstract class Ar2ProviderBase implements ProblemProvider {

  private final Ar2Series.Form form;

  Ar2ProviderBase(Ar2Series.Form form) {
    this.form = form;
  }

  @Override
  public Map<String, Object> defaults() {
    return Map.of("min_length", 100, "max_length", 200, "evaluate_length", 0, "test_data", "simulator");
  }

  @Override
  public void validate(Settings s) {
    long min = s.getLong("min_length");
    long max = s.getLong("max_length");
    if (min < 3) {
      throw new ConfigurationException("min_length", "problem '" + name() + "': min_length must be at least 3, got "
          + min);
    }
    if (max < min) {
      throw new ConfigurationException("max_length", "problem '" + name() + "': max_length " + max
          + " is below min_length " + min);
    }
    long evaluate = s.getLong("evaluate_length");
    if (evaluate != 0 && evaluate < 3) {
      throw new ConfigurationException("evaluate_length", "problem '" + name()
          + "': evaluate_length must be 0 (lengths as in training) or at least 3, got " + evaluate);
    }
    TestData.of(s, name());
  }

  @Override
  public Problem create(Settings settings) {
    Settings s = settings;
    return new Ar2Series(form, s.getInt("min_length"), s.getInt("max_length"), s.getInt("evaluate_length"),
        TestData.of(s, name()), RandomWalkMetropolis.Options.defaults());
  }
}
