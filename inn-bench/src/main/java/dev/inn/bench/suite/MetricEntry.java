package dev.inn.bench.suite;

import dev.inn.api.settings.Settings;

/**
 * One metric of a suite with its resolved settings.
 *
 * @param plugin the registered metric name
 * @param settings resolved metric settings
 */
public record MetricEntry(String plugin, Settings settings) {}
