package dev.inn.api.problem;

/**
 * A literature value of a metric on a problem, printed beside a suite's own results at the
 * same simulation budget (e.g. sbibm's mean C2ST of NPE at 10^4 simulations).
 *
 * @param metric the metric column it compares with, e.g. {@code "c2st"}
 * @param method the published method, e.g. {@code "NPE"}
 * @param simulations the simulation budget it was measured at
 * @param value the published value (mean over the published observations)
 * @param source a short citation, e.g. {@code "Lueckmann et al. 2021"}
 */
public record PublishedScore(String metric, String method, int simulations, double value, String source) {}
