package dev.inn.bench.suite;

import dev.inn.api.settings.ConfigurationException;

/** A suite file is malformed or names an unknown key, type or plugin; the message says where. */
public final class SuiteException extends ConfigurationException {

  public SuiteException(String source, int line, String message) {
    super(source + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
