package dev.inn.baselines.abc;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;

/**
 * Settings of one ABC instance.
 *
 * @param mode threshold or quantile rejection
 * @param epsilon acceptance radius of threshold ABC, in the units of y (Euclidean distance)
 * @param quantile accepted share of quantile ABC, in (0, 1]
 * @param maxSimulations cap on simulations per posterior; threshold ABC fails with a clear
 *     message when it has not accepted enough by then
 * @param chunkSize simulations per task; fixes the random streams (with the seed), so results
 *     do not depend on the thread count
 * @param threads worker threads, 0 = all cores
 * @param keep pool mode: how many nearest training pairs form the posterior (draws resample them)
 * @param kde pool mode: smooth the kept pairs with a Gaussian kernel density (Scott's bandwidth
 *     per parameter) instead of repeating them, as sbibm's REJ-ABC does
 */
public record AbcConfig(AbcMode mode, double epsilon, double quantile, long maxSimulations, int chunkSize,
    int threads, int keep, boolean kde) {

  public AbcConfig {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new ConfigurationException("setting 'epsilon' of method 'abc' must be a positive number, got " + epsilon);
    }
    if (!(quantile > 0 && quantile <= 1)) {
      throw new ConfigurationException("setting 'quantile' of method 'abc' must be in (0, 1], got " + quantile);
    }
    if (maxSimulations < 1) {
      throw new ConfigurationException("setting 'max_simulations' of method 'abc' must be at least 1, got "
          + maxSimulations);
    }
    if (chunkSize < 1) {
      throw new ConfigurationException("setting 'chunk_size' of method 'abc' must be at least 1, got " + chunkSize);
    }
    if (keep < 1) {
      throw new ConfigurationException("setting 'keep' of method 'abc' must be at least 1, got " + keep);
    }
    if (threads < 0) {
      throw new ConfigurationException("setting 'threads' of method 'abc' must be 0 (all cores) or more, got "
          + threads);
    }
  }

  /** Reads resolved settings (see {@link AbcProvider#defaults()}). */
  public static AbcConfig from(Settings s) {
    return new AbcConfig(AbcMode.fromSetting(s.getString("mode")), s.getDouble("epsilon"), s.getDouble("quantile"),
        s.getLong("max_simulations"), s.getInt("chunk_size"), s.getInt("threads"), s.getInt("keep"),
        s.getBoolean("kde"));
  }

  /** This configuration with another thread count. */
  public AbcConfig withThreads(int count) {
    return new AbcConfig(mode, epsilon, quantile, maxSimulations, chunkSize, count, keep, kde);
  }

  int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
