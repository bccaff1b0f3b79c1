package dev.inn.bench.cli;

/** Comma-separated numbers from the command line, with errors that name the option and position. */
final class Values {

  private Values() {}

  static float[] parse(String text, String option) {
    String[] parts = text.split(",", -1);
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " value " + (i + 1) + " is '" + parts[i] + "', not a number");
      }
      if (Float.isInfinite(out[i]) && !parts[i].toLowerCase(java.util.Locale.ROOT).contains("inf")) {
        throw new IllegalArgumentException(option + " value " + (i + 1) + " is '" + parts[i].trim() + "', beyond the"
            + " range of a float (about ±3.4e38)");
      }
      if (!Float.isFinite(out[i])) {
        throw new IllegalArgumentException(option + " value " + (i + 1) + " is '" + parts[i] + "', not a finite number");
      }
    }
    return out;
  }
}
