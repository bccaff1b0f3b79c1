package dev.inn.problems.external;

import dev.inn.problems.store.InvalidSimulations;

/** A run stopped because the simulator failed on more than the allowed share of simulations. */
public final class TooManyInvalidSimulationsException extends IllegalStateException {

  private final transient InvalidSimulations invalid;

  public TooManyInvalidSimulationsException(String message, InvalidSimulations invalid) {
    super(message);
    this.invalid = invalid;
  }

  /** The counts and the simulator's standard error at the time of failure. */
  public InvalidSimulations invalid() {
    return invalid;
  }
}
