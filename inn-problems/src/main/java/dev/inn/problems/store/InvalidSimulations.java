package dev.inn.problems.store;

import java.util.Locale;

/**
 * Counts of simulations that produced no usable y, by cause, with the last failure's detail
 * and the tail of the simulator's standard error (empty when there is none).
 *
 * @param timeouts rows of batches that overran their timeout
 * @param crashes rows of batches whose simulator process died or broke the protocol
 * @param nonFinite rows whose output held NaN or infinity
 * @param detail the last failure, in words
 * @param stderrTail the last lines the failing simulator wrote to standard error
 */
public record InvalidSimulations(long timeouts, long crashes, long nonFinite, String detail, String stderrTail)
    implements java.io.Serializable {

  /** Nothing invalid. */
  public static final InvalidSimulations NONE = new InvalidSimulations(0, 0, 0, "", "");

  public long total() {
    return timeouts + crashes + nonFinite;
  }

  /** Both counts together; the detail and tail of {@code later} win when it has any. */
  public InvalidSimulations plus(InvalidSimulations later) {
    boolean newer = later.total() > 0;
    return new InvalidSimulations(timeouts + later.timeouts, crashes + later.crashes, nonFinite + later.nonFinite,
        newer ? later.detail : detail, newer ? later.stderrTail : stderrTail);
  }

  /** e.g. "12 invalid (3 timed out, 0 crashed, 9 NaN/inf)". */
  public String summary() {
    return String.format(Locale.ROOT, "%d invalid (%d timed out, %d in crashed batches, %d with NaN/inf output)",
        total(), timeouts, crashes, nonFinite);
  }

  /**
   * The summary, the last failure and the simulator's last standard-error lines joined by
   * " | ", for one-line error messages.
   */
  public String reportOneLine() {
    StringBuilder b = new StringBuilder(summary());
    if (!detail.isBlank()) {
      b.append("; last failure: ").append(detail);
    }
    if (!stderrTail.isBlank()) {
      b.append("; simulator's standard error ends: ").append(String.join(" | ", stderrTail.lines().toList()));
    }
    return b.toString();
  }

  /** The summary with the last failure and the simulator's standard error, for error messages. */
  public String report() {
    StringBuilder b = new StringBuilder(summary());
    if (!detail.isBlank()) {
      b.append("; last failure: ").append(detail);
    }
    if (!stderrTail.isBlank()) {
      b.append("\n--- tail of the simulator's standard error ---\n").append(stderrTail);
    }
    return b.toString();
  }
}
