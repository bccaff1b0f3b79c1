package dev.inn.baselines.abc;

import java.util.Locale;

/** The two rejection schemes of the paper's appendix Sec. 7. */
public enum AbcMode {
  /** Keep prior draws with ||s(x) - y*|| < epsilon until n are accepted. */
  THRESHOLD,
  /** Run exactly ceil(n / q) simulations and keep the n closest. */
  QUANTILE;

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
        "setting 'mode' of method 'abc' must be \"threshold\" or \"quantile\", got \"" + value + "\"");
  }
}
