package dev.inn.core.training;

/**
 * The epoch schedule of {@link Trainer} when {@code steps = 0}: a held-out validation split,
 * batches of at most {@code batch} pairs but small enough for 32 steps an epoch (at least 16
 * pairs), the learning rate halved after {@code patience / 2} epochs without a better validation loss,
 * a stop after {@code patience} such epochs (or {@code maxEpochs}), and the weights of the best
 * validation loss restored at the end. Sized in epochs, so it adapts to any number of
 * simulations without a step count chosen for one problem.
 *
 * <p>The weights validated, kept and restored are an exponential moving average of the
 * optimizer's iterates (Polyak averaging; decay {@code min(weightAverage, (1 + t) / (10 + t))}
 * at step t, so early averages follow the weights closely), which cancels much of the noise of
 * small-batch steps. Why the default decay is what it is: docs/decisions.md.
 *
 * @param validationFraction share of the pairs held out for validation (0 < f < 0.5)
 * @param patience epochs without improvement before stopping
 * @param maxEpochs upper bound on epochs
 * @param weightAverage decay of the weight average per step, in [0, 1); 0 validates and keeps the
 *     iterates themselves
 */
public record EarlyStopping(double validationFraction, int patience, int maxEpochs, double weightAverage) {

  /** 10 % held out, patience 20 epochs (as sbi's default), at most 1000 epochs, average 0.998. */
  public static final EarlyStopping DEFAULT = new EarlyStopping(0.1, 20, 1000, 0.998);

  public EarlyStopping {
    if (!(validationFraction > 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException("validation_fraction must lie in (0, 0.5), got " + validationFraction);
    }
    if (!(weightAverage >= 0 && weightAverage < 1)) {
      throw new IllegalArgumentException("weight_average must lie in [0, 1), got " + weightAverage);
    }
    if (patience < 1 || maxEpochs < 1) {
      throw new IllegalArgumentException("patience and max_epochs must be at least 1, got " + patience + ", "
          + maxEpochs);
    }
  }
}
