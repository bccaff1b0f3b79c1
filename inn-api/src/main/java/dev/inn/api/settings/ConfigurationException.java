package dev.inn.api.settings;

import java.util.Optional;

/**
 * A configuration value is unknown, missing, out of range or of the wrong type; the message
 * names it. When the offending setting is known, {@link #key()} gives it, so a suite reader can
 * point at the line that sets it.
 */
public class ConfigurationException extends IllegalArgumentException {

  private final String key;

  /** @param message what is wrong, naming the setting */
  public ConfigurationException(String message) {
    this(null, message);
  }

  /**
   * @param key the setting at fault (may be null)
   * @param message what is wrong, naming the setting
   */
  public ConfigurationException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The setting at fault, when known. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
