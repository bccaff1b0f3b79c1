package dev.inn.api.training;

/**
 * The optimiser settings of one method, parsed once ({@link TrainingEngine#schedule}): Adam in
 * one of two schedules, a fixed number of steps ({@code steps > 0}) or epochs with early
 * stopping on a held-out validation split ({@code steps = 0}).
 */
public interface TrainingSchedule {

  /** @return whether training runs epochs until the validation loss stops improving */
  boolean stopsEarly();

  /** @return the share of the training pairs the epoch schedule holds out for validation */
  double validationFraction();

  /** @return the (initial) Adam learning rate, named in messages when training fails */
  double lr();

  /** @return threads for one training step; 0 = one per core */
  int threads();
}
