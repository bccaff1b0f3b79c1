package dev.inn.api.metric;

/**
 * Whether a metric applies to a problem, and if not, why (shown instead of a value).
 *
 * @param available true when the metric can be computed
 * @param reason why not (empty when available)
 */
public record Availability(boolean available, String reason) {

  private static final Availability YES = new Availability(true, "");

  /** The metric applies. */
  public static Availability yes() {
    return YES;
  }

  /** The metric does not apply, e.g. {@code no("needs a simulator: dataset problems have none")}. */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
