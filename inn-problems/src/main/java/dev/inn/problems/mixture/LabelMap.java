package dev.inn.problems.mixture;

import java.util.Arrays;
import java.util.Locale;

/** Which class each of the eight mixture components belongs to (setting {@code labels}). */
public enum LabelMap {
  /** The paper's setting: components 0-3 are class 0, 4-5 class 1, 6 class 2, 7 class 3. */
  SOME(new int[] {0, 0, 0, 0, 1, 1, 2, 3}),
  /** Every component is its own class. */
  ALL(new int[] {0, 1, 2, 3, 4, 5, 6, 7}),
  /** One class for everything: the observation carries no information. */
  NONE(new int[] {0, 0, 0, 0, 0, 0, 0, 0});

  private final int[] labels;

  LabelMap(int[] labels) {
    this.labels = labels;
  }

  /** The class of component {@code component} (0..7). */
  public int labelOf(int component) {
    return labels[component];
  }

  /** How many distinct classes there are. */
  public int classCount() {
    return Arrays.stream(labels).max().orElse(0) + 1;
  }

  /** The setting value, e.g. {@code "some"}. */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a setting value; an unknown value names the accepted ones. */
  public static LabelMap fromSetting(String value) {
    for (LabelMap m : values()) {
      if (m.settingName().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("setting 'labels' of problem 'gaussian-mixture-8' must be one of "
        + "\"some\", \"all\", \"none\", got \"" + value + "\"");
  }
}
