package dev.inn.baselines.abc;

/** Threshold ABC ran out of its simulation budget before accepting enough samples. */
public final class AbcBudgetExceededException extends IllegalStateException {

  private final int accepted;
  private final long simulations;

  AbcBudgetExceededException(String message, int accepted, long simulations) {
    super(message);
    this.accepted = accepted;
    this.simulations = simulations;
  }

  public int accepted() {
    return accepted;
  }

  public long simulations() {
    return simulations;
  }
}
