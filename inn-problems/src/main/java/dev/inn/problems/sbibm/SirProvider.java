package dev.inn.problems.sbibm;

/** Registers {@code sir} (no settings). */
public final class SirProvider extends SbibmTaskProvider {

  public SirProvider() {
    super(Sir.NAME, "sbibm sir: SIR epidemic ODE, binomial samples of the infected count", Sir::new);
  }
}
