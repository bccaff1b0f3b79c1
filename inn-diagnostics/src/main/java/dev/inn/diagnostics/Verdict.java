package dev.inn.diagnostics;

/**
 * The outcome of one calibration diagnostic.
 *
 * @param kind the direction of the failure, {@link Miscalibration#NONE} when it passes
 * @param sentence one line for a report, with the numbers behind it
 */
public record Verdict(Miscalibration kind, String sentence) {

  /** Whether the diagnostic flags the posterior. */
  public boolean flagged() {
    return kind != Miscalibration.NONE;
  }
}
