package dev.inn.api.settings;

/** A configuration value is unknown, missing, or of the wrong type; the message names it. */
public class ConfigurationException extends IllegalArgumentException {

  public ConfigurationException(String message) {
    super(message);
  }
}
