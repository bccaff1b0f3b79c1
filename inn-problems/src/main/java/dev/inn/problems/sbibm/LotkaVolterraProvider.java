package dev.inn.problems.sbibm;

/** Registers {@code lotka-volterra} (no settings). */
public final class LotkaVolterraProvider extends SbibmTaskProvider {

  public LotkaVolterraProvider() {
    super(LotkaVolterra.NAME, "sbibm lotka_volterra: predator-prey ODE with log-normal noise", LotkaVolterra::new);
  }
}
