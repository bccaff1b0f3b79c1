package dev.inn.api.plugin;

import java.util.Map;

/**
 * What every discoverable extension has: a stable name, a one-line description and the
 * settings it accepts with their defaults. Each kind of plugin (problem, block, kernel,
 * divergence, method, metric) extends this and is registered in
 * {@code META-INF/services/<its interface>}.
 */
public interface Plugin {

  /** The stable name used in suites and on the command line, e.g. {@code "affine-coupling"}. */
  String name();

  /** One line for {@code inn list}. */
  String description();

  /**
   * Every accepted setting with its default value (numbers, strings, booleans or lists).
   * Keys not listed here are rejected.
   */
  default Map<String, Object> defaults() {
    return Map.of();
  }
}
