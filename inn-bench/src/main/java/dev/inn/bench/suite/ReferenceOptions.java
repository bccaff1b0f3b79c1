package dev.inn.bench.suite;

import dev.inn.api.settings.Settings;

/**
 * Ground-truth posteriors for metrics that compare against them and for figures: the exact
 * posterior when a problem has one, otherwise samples of {@code method} (ABC by default) when
 * the problem has a simulator.
 *
 * @param method the method giving ground truth for simulator problems
 * @param settings its resolved settings
 * @param observations how many test observations get ground truth
 * @param samples ground-truth samples per observation
 * @param published true ({@code source = "published"}): the test observations are the
 *     problem's published reference observations with their reference posteriors (e.g.
 *     sbibm's), not draws from the simulator
 */
public record ReferenceOptions(String method, Settings settings, int observations, int samples, boolean published) {}
