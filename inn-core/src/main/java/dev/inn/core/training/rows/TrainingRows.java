package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The training pairs as the trainer pulls them: shuffled mini-batches, a held-out validation
 * part, and every row in blocks. Rows are in the units the networks learn in (already
 * standardised).
 */
public interface TrainingRows {

  /** The pairs, all passes together counting each once. */
  int size();

  /**
   * A cursor over shuffled passes through the rows; {@code random} is the trainer's generator
   * (shuffles draw from it between training steps, as the steps do).
   */
  RowCursor cursor(SplittableRandom random);

  /**
   * Splits off a validation part of about {@code fraction} of the rows, drawn with {@code random};
   * fails with a message naming {@code task} when either part would be too small (under 1
   * validation row or 2 training rows).
   */
  Split split(double fraction, SplittableRandom random, String task);

  /** Every row once, in a fixed order, in blocks of at most {@code blockRows}. */
  void forEachBlock(int blockRows, Consumer<Dataset> block);

  /** The training and the validation part of a {@link #split}. */
  record Split(TrainingRows train, TrainingRows validation) {}

  /** Batches from shuffled passes over the rows. */
  interface RowCursor {

    /** The next {@code n} rows of the current pass, going on into a newly shuffled pass when it ends. */
    Dataset next(int n);

    /** Drops the rest of the current pass: the next rows come from a newly shuffled pass. */
    void newPass();
  }

  /** Rows held in memory. */
  static TrainingRows of(Dataset data) {
    return new InMemoryRows(data);
  }
}
