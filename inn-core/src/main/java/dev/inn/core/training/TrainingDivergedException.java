package dev.inn.core.training;

/** A loss term became NaN or infinite; the message names the term and the step. */
public final class TrainingDivergedException extends RuntimeException {

  public TrainingDivergedException(String message) {
    super(message);
  }
}
