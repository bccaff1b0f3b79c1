package dev.inn.diagnostics;

/** The direction in which a posterior is miscalibrated, as the diagnostics tell it. */
public enum Miscalibration {
  /** Consistent with a calibrated posterior. */
  NONE("calibrated"),
  /** Too wide: the truth sits too often near the centre (conservative, underconfident). */
  OVER_DISPERSED("over-dispersed (too wide, conservative)"),
  /** Too narrow: the truth falls too often in the tails (overconfident). */
  UNDER_DISPERSED("under-dispersed (too narrow, overconfident)"),
  /** The posterior lies systematically above the truth. */
  BIASED_HIGH("biased (posterior above the truth)"),
  /** The posterior lies systematically below the truth. */
  BIASED_LOW("biased (posterior below the truth)");

  private final String words;

  Miscalibration(String words) {
    this.words = words;
  }

  /** A few words for a report, e.g. "too narrow (overconfident)". */
  public String words() {
    return words;
  }
}
