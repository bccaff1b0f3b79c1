package dev.inn.diagnostics;

import dev.inn.api.data.Matrix;
import java.util.Locale;

/**
 * Posterior predictive checks: the posterior samples re-simulated, y_rep = s(x_s), compared
 * with the observation y*. An observation far in the tail of its predictive distribution says
 * the posterior (or the model) does not explain the data.
 */
public final class PosteriorPredictive {

  /** Two-sided tail probability below which y* counts as outside its predictive distribution. */
  public static final double TAIL = 0.01;

  private PosteriorPredictive() {}

  /**
   * The check of one observation.
   *
   * @param observed y*
   * @param pValue per observation value, the fraction of replicates at or below y*_j
   * @param mean per value, the replicates' mean
   * @param sd per value, the replicates' standard deviation
   * @param valid how many replicates were finite (invalid simulations are left out)
   */
  public record Check(float[] observed, double[] pValue, double[] mean, double[] sd, int valid) {

    /** The values whose observation lies outside the central 1 - {@link #TAIL} predictive interval. */
    public int[] outside() {
      return java.util.stream.IntStream.range(0, pValue.length)
          .filter(j -> Math.min(pValue[j], 1 - pValue[j]) < TAIL / 2).toArray();
    }

    /** A one-line verdict: whether y* is explained, and which values are not, in which direction. */
    public Verdict verdict(java.util.List<String> names) {
      int[] out = outside();
      if (out.length == 0) {
        return new Verdict(Miscalibration.NONE, String.format(Locale.ROOT, "posterior predictive: every observed value"
            + " lies inside its central %.0f %% predictive interval (%d valid re-simulations)", 100 * (1 - TAIL), valid));
      }
      StringBuilder sb = new StringBuilder();
      int above = 0;
      for (int j : out) {
        sb.append(sb.length() == 0 ? "" : ", ").append(names.get(j))
            .append(String.format(Locale.ROOT, " (predictive %.3g +- %.2g, observed %.3g)", mean[j], sd[j], observed[j]));
        above += mean[j] > observed[j] ? 1 : 0;
      }
      Miscalibration kind = above * 2 >= out.length ? Miscalibration.BIASED_HIGH : Miscalibration.BIASED_LOW;
      return new Verdict(kind, "posterior predictive: " + out.length + " of " + pValue.length + " observed values outside"
          + " their central " + Math.round(100 * (1 - TAIL)) + " % predictive interval: " + sb);
    }
  }

  /**
   * Compares y* with replicates (one re-simulated y per row). Non-finite values are skipped value
   * by value, so an invalid simulation (a NaN row) counts nowhere and a time series shorter than
   * y* (NaN past its end) counts where it has values; a value with fewer than 2 finite replicates
   * gets NaN statistics and is not judged.
   */
  public static Check check(float[] observed, Matrix replicated) {
    if (replicated.cols() != observed.length) {
      throw new IllegalArgumentException("replicates have " + replicated.cols() + " values, the observation "
          + observed.length);
    }
    int valid = 0;
    for (int r = 0; r < replicated.rows(); r++) {
      boolean any = false;
      for (int j = 0; j < observed.length && !any; j++) {
        any = Float.isFinite(replicated.get(r, j));
      }
      valid += any ? 1 : 0;
    }
    if (valid < 2) {
      throw new IllegalArgumentException("only " + valid + " of " + replicated.rows() + " re-simulations are finite;"
          + " a predictive check needs at least 2");
    }
    int d = observed.length;
    double[] p = new double[d];
    double[] mean = new double[d];
    double[] sd = new double[d];
    double[] v = new double[replicated.rows()];
    for (int j = 0; j < d; j++) {
      int k = 0;
      for (int r = 0; r < replicated.rows(); r++) {
        float value = replicated.get(r, j);
        if (Float.isFinite(value)) {
          v[k++] = value;
        }
      }
      if (k < 2) {
        p[j] = Double.NaN;
        mean[j] = Double.NaN;
        sd[j] = Double.NaN;
        continue;
      }
      double below = 0;
      double m = 0;
      for (int i = 0; i < k; i++) {
        below += v[i] < observed[j] ? 1 : v[i] == observed[j] ? 0.5 : 0;
        m += v[i];
      }
      m /= k;
      double s = 0;
      for (int i = 0; i < k; i++) {
        s += (v[i] - m) * (v[i] - m);
      }
      // ties count half, so a discrete value (a class label) matched by every replicate sits at 0.5
      p[j] = below / k;
      mean[j] = m;
      sd[j] = Math.sqrt(s / (k - 1));
    }
    return new Check(observed.clone(), p, mean, sd, valid);
  }

  /**
   * The probability integral transform of a held-out observation y** (a second measurement of
   * the same truth) under the predictive distribution conditioned on y*, per value: uniform over
   * many pairs when the posterior is calibrated, so {@link Sbc#verdict} applies to it.
   */
  public static double[] pit(float[] heldOut, Matrix replicated) {
    double[] out = new double[heldOut.length];
    for (int j = 0; j < heldOut.length; j++) {
      double below = 0;
      for (int r = 0; r < replicated.rows(); r++) {
        float v = replicated.get(r, j);
        below += v < heldOut[j] ? 1 : v == heldOut[j] ? 0.5 : 0;
      }
      out[j] = (below + 0.5) / (replicated.rows() + 1);
    }
    return out;
  }
}
