package dev.inn.baselines.abc;

import java.util.Locale;

/**
 * The rejection schemes of the paper's appendix Sec. 7, plus a fixed-budget variant for
 * expensive simulators: the training pairs are the simulations.
 */
public enum AbcMode {
  /** Keep prior draws with ||s(x) - y*|| < epsilon until n are accepted. */
  THRESHOLD,
  /** Run exactly ceil(n / q) simulations and keep the n closest. */
  QUANTILE,
  /**
   * Keep the n training pairs whose y is closest to y* (quantile ABC on the simulations the
   * method is trained with, q = n / pairs); for simulators too slow to run per observation.
   */
  POOL;

  public String settingName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static AbcMode fromSetting(String value) {
    for (AbcMode m : values()) {
      if (m.settingName().equals(value)) {
        return m;
      }
    }
    throw new dev.inn.api.settings.ConfigurationException(
        "setting 'mode' of method 'abc' must be \"threshold\", \"quantile\" or \"pool\", got \"" + value + "\"");
  }
}
