package dev.inn.losses.kernel;

/** Validation shared by the kernel records. */
final class KernelChecks {

  private KernelChecks() {}

  static double[] positive(String what, double[] widths) {
    if (widths.length == 0) {
      throw new IllegalArgumentException(what + ": at least one width is needed");
    }
    for (double h : widths) {
      if (!(h > 0) || !Double.isFinite(h)) {
        throw new IllegalArgumentException(what + " must be positive and finite, got " + h);
      }
    }
    return widths.clone();
  }
}
