package dev.inn.bench.sequential;

/**
 * How a sequential run spends its budget and truncates its prior (truncated sequential neural
 * posterior estimation, Deistler et al. 2022).
 *
 * @param budget simulations in all, split over the rounds (the first rounds take the remainder);
 *     counted, never exceeded: an invalid simulation counts and is not repeated
 * @param rounds rounds; round 0 simulates prior draws, round r > 0 draws from the prior truncated
 *     to where the posterior estimate of round r - 1 has log density at least its
 *     {@code quantile}-quantile over its own samples
 * @param quantile the share of the posterior estimate's own samples that may fall outside the
 *     truncated prior (e.g. 1e-4)
 * @param densitySamples posterior samples whose log densities fix the threshold
 * @param chunk simulations per stored file of a round; a run interrupted within a round keeps its
 *     finished chunks (the numbers do not depend on it)
 * @param minAcceptance prior rejection gives way to the fallback (inflated posterior proposals
 *     rejected outside the truncated prior) when its acceptance stays below this after
 *     {@link #PRIOR_TRIAL} draws
 * @param maxPriorDraws the most prior draws tried per round before the fallback takes over
 * @param inflation the factor by which the fallback widens posterior samples about their mean
 * @param maxInvalidFraction a round whose simulations are invalid beyond this share stops the run
 * @param allPairs train round r > 0's model on every valid pair so far (plain TSNPE); when false
 *     (the default), the pairs of a round whose proposal region held more than {@link #WIDER} times
 *     round r's prior mass only where they lie inside round r's region, so the model spends its
 *     capacity and its standardisation where round r's proposals put the posterior
 */
public record SequentialConfig(long budget, int rounds, double quantile, int densitySamples, int chunk,
    double minAcceptance, long maxPriorDraws, double inflation, double maxInvalidFraction, boolean allPairs) {

  /** Rounds when none are asked for ({@code inn infer}, a suite's sequential method). */
  public static final int DEFAULT_ROUNDS = 5;
  /** The share of the posterior estimate's own samples the truncation may leave outside. */
  public static final double DEFAULT_QUANTILE = 1e-4;

  /**
   * An earlier round whose proposal region held more than this many times the current round's prior
   * mass trains the current round's model only with its pairs inside the current region.
   */
  public static final double WIDER = 10;

  /** Prior draws tried before the acceptance rate is trusted to call for the fallback. */
  public static final long PRIOR_TRIAL = 100_000;
  /** Fewest simulations a round may have: the posterior estimate needs pairs to learn from. */
  public static final int MIN_ROUND = 10;

  public SequentialConfig {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    if (budget < (long) rounds * MIN_ROUND) {
      // the last round is the smallest (the first budget % rounds rounds take one more)
      throw new IllegalArgumentException("--budget " + budget + " is smaller than one round's worth: round " + rounds
          + " of " + rounds + " would get " + budget / rounds + " simulations, fewer than the " + MIN_ROUND + " a round"
          + " needs (" + (long) rounds * MIN_ROUND + " in all); raise --budget or lower --rounds. Nothing was"
          + " simulated");
    }
    if (!(quantile > 0 && quantile < 0.5)) {
      throw new IllegalArgumentException("--quantile must be in (0, 0.5), got " + quantile);
    }
    if (densitySamples < 100) {
      throw new IllegalArgumentException("density samples must be at least 100, got " + densitySamples);
    }
    if (chunk < 1) {
      throw new IllegalArgumentException("--chunk must be at least 1, got " + chunk);
    }
    if (!(inflation >= 1)) {
      throw new IllegalArgumentException("inflation must be at least 1, got " + inflation);
    }
  }

  /** The defaults for a budget and a number of rounds. */
  public static SequentialConfig of(long budget, int rounds) {
    return of(budget, rounds, DEFAULT_QUANTILE);
  }

  /** The defaults for a budget, a number of rounds and a truncation quantile. */
  public static SequentialConfig of(long budget, int rounds, double quantile) {
    return new SequentialConfig(budget, rounds, quantile, 20_000, 1_000, 1e-3, 2_000_000, 1.5, 0.5, false);
  }

  /** This configuration training on every pair so far ({@code true}) or only on those inside the region. */
  public SequentialConfig withAllPairs(boolean all) {
    return new SequentialConfig(budget, rounds, quantile, densitySamples, chunk, minAcceptance, maxPriorDraws,
        inflation, maxInvalidFraction, all);
  }

  /** Simulations of round {@code r}: an equal share, the first {@code budget % rounds} rounds one more. */
  public int roundSize(int r) {
    return (int) (budget / rounds + (r < budget % rounds ? 1 : 0));
  }
}
