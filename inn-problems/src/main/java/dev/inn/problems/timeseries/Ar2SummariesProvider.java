package dev.inn.problems.timeseries;

/**
 * Registers {@code ar2-summaries}: the same simulations as {@code ar2} given as mean, variance
 * and autocorrelations at lags 1 to 3 (see {@link Ar2ProviderBase} for the settings).
 */
public final class Ar2SummariesProvider extends Ar2ProviderBase {

  public Ar2SummariesProvider() {
    super(Ar2Series.Form.SUMMARIES);
  }

  @Override
  public String name() {
    return Ar2Series.SUMMARIES_NAME;
  }

  @Override
  public String description() {
    return "the ar2 simulations as hand-crafted summaries (mean, variance, acf 1-3); scored against p(x | series)";
  }
}
