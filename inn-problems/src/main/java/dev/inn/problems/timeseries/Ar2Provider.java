package dev.inn.problems.timeseries;

/** Registers {@code ar2}: the raw series (see {@link Ar2ProviderBase} for the settings). */
public final class Ar2Provider extends Ar2ProviderBase {

  public Ar2Provider() {
    super(Ar2Series.Form.RAW);
  }

  @Override
  public String name() {
    return Ar2Series.NAME;
  }

  @Override
  public String description() {
    return "a stationary AR(2) series of 100..200 steps, x = (pacf1, pacf2, log sigma), MCMC reference posterior";
  }
}
