package dev.inn.problems.testdata;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a problem's test observations come from: its own model, or a misspecified one, so that a
 * misspecification check can be scored on data the model did not make. Each problem states how
 * far it shifts and how it contaminates; training simulations always come from the model.
 */
public enum TestData {
  /** The model itself, like the training simulations. */
  SIMULATOR,
  /** The model's observations moved far outside the prior predictive. */
  SHIFTED,
  /** The model's observations with outliers mixed in. */
  CONTAMINATED;

  /** The setting's spelling, e.g. {@code "shifted"}. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value of setting {@code test_data} of problem {@code problem}; another spelling is refused, naming the key. */
  public static TestData of(Settings s, String problem) {
    String value = s.getString("test_data");
    return Arrays.stream(values()).filter(t -> t.setting().equals(value)).findFirst()
        .orElseThrow(() -> new ConfigurationException("test_data", "problem '" + problem + "': test_data must be one of "
            + Arrays.stream(values()).map(TestData::setting).toList() + ", got \"" + value + "\""));
  }
}
