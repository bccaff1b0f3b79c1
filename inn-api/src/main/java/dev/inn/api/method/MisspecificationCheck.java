package dev.inn.api.method;

import java.util.Locale;
import java.util.Optional;

/**
 * A trained method that can tell whether an observation looks like its simulations: it
 * compares the observation's learned summary h(y) with the summaries of held-out simulations
 * (in the spirit of Schmitt et al., "Detecting model misspecification in amortized Bayesian
 * inference with neural networks"). An amortised posterior for data the simulator cannot
 * produce is silently wrong; this says so. It never changes the samples.
 */
public interface MisspecificationCheck {

  /** Observations whose p-value falls below this are flagged as outside the simulator's reach. */
  double FLAG_LEVEL = 0.01;

  /**
   * How far the observation's summary lies from the held-out simulations' summaries, or empty
   * when the method kept no reference (not trained, or loaded from an older model file).
   */
  Optional<Misfit> misfit(float[] observation);

  /**
   * @param distance the observation's summary-space distance to the reference simulations
   *     (mean distance to its nearest ones, in units of the reference summaries' spread)
   * @param pValue the share of held-out simulations at least as far from the reference
   *     (with the usual +1 correction): small when the observation is unlike every simulation
   * @param simulations the number of held-out simulations the p-value is computed from
   * @param elements for a set or sequence, how far the shape of its elements' distribution lies
   *     from that of the simulations whose summaries are nearest (a scaled energy distance); then
   *     the p-value also weighs their means, spreads and tails, calibrated on the held-out
   *     simulations. NaN for a vector observation, whose p-value is the summary distance's alone
   */
  record Misfit(double distance, double pValue, int simulations, double elements) {

    /** A misfit of the summary distance alone (a vector observation). */
    public Misfit(double distance, double pValue, int simulations) {
      this(distance, pValue, simulations, Double.NaN);
    }

    /** True when the p-value is below {@link #FLAG_LEVEL}. */
    public boolean flagged() {
      return pValue < FLAG_LEVEL;
    }

    /** One sentence for a warning or a report. */
    public String describe() {
      if (Double.isNaN(elements)) {
        return String.format(Locale.ROOT, "its learned summary lies %.2f from the simulations' summaries, farther"
            + " than all but a share p = %.3f of %d held-out simulations", distance, pValue, simulations);
      }
      return String.format(Locale.ROOT, "its learned summary lies %.2f from the simulations' summaries, and its"
          + " elements' level, spread, tails and shape (energy distance %.2f) set against those of the simulations"
          + " with the nearest summaries are together more extreme than all but a share p = %.3f of %d held-out"
          + " simulations", distance, elements, pValue, simulations);
    }
  }
}
