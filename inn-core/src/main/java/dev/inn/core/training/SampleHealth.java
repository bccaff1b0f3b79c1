package dev.inn.core.training;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Support;
import dev.inn.core.param.Standardizer;
import java.util.Locale;

/**
 * The check every learned method runs after training: its posterior samples for a training
 * observation must be finite and within {@link #SANE_SDS} standard deviations of the training
 * parameters' mean. A network that diverged (e.g. from too high a learning rate) otherwise
 * saves cleanly and samples values around 1e9; here it is refused with what went wrong and
 * what to change.
 */
public final class SampleHealth {

  /** Samples further than this many training standard deviations from the training mean fail the check. */
  public static final double SANE_SDS = 100;

  private SampleHealth() {}

  /**
   * The same report for every method's samples: how many lie outside the problem's declared
   * support (the prior's), e.g. from a method without a support transform; empty when none do
   * or no support is declared.
   */
  public static java.util.Optional<String> outsideSupport(Matrix samples, java.util.Optional<Support> support) {
    if (support.isEmpty() || support.get().dim() != samples.cols()) {
      return java.util.Optional.empty();
    }
    double[] lo = support.get().lower();
    double[] hi = support.get().upper();
    int outside = 0;
    int firstRow = -1;
    int firstCol = -1;
    for (int i = 0; i < samples.rows(); i++) {
      for (int c = 0; c < samples.cols(); c++) {
        double v = samples.get(i, c);
        if (v < lo[c] || v > hi[c]) {
          if (firstRow < 0) {
            firstRow = i;
            firstCol = c;
          }
          outside++;
          break;
        }
      }
    }
    if (outside == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(Locale.ROOT, "%d of %d samples lie outside the prior's support (e.g."
        + " parameter %d = %s, support [%s, %s]); the method does not keep its samples inside it", outside,
        samples.rows(), firstCol, samples.get(firstRow, firstCol), lo[firstCol], hi[firstCol]));
  }

  /**
   * Throws {@link TrainingDivergedException} naming {@code method}, the parameter, the value and
   * {@code advice} when a sample is not finite or not of sane magnitude relative to {@code trainingX}.
   *
   * @param samples posterior samples in the units of {@code trainingX}
   */
  public static void check(String method, Matrix samples, Matrix trainingX, String advice) {
    double[][] moments = Standardizer.columnMoments(trainingX);
    for (int c = 0; c < trainingX.cols(); c++) {
      double mean = moments[0][c];
      double sd = Math.max(moments[1][c], 1e-12);
      for (int i = 0; i < samples.rows(); i++) {
        double v = samples.get(i, c);
        if (!Double.isFinite(v) || Math.abs(v - mean) > SANE_SDS * sd) {
          throw new TrainingDivergedException(String.format(Locale.ROOT,
              "%s: after training, a posterior sample of parameter %d is %s while the training values have mean %.4g"
                  + " and sd %.4g (more than %.0f sds away or not finite); the network diverged: %s", method, c, v,
              mean, sd, SANE_SDS, advice));
        }
      }
    }
  }
}
