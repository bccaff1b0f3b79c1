package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import dev.inn.api.training.ValidationSplit;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** A data set held in memory: passes are permutations of all its rows. */
final class InMemoryRows implements TrainingRows {

  private final Dataset data;

  InMemoryRows(Dataset data) {
    this.data = data;
  }

  @Override
  public int size() {
    return data.size();
  }

  @Override
  public RowCursor cursor(SplittableRandom random) {
    return new RowCursor() {
      // each pass shuffles the previous pass's order again (not the identity), as the trainer always did
      private final int[] order = RowOrder.identity(data.size());
      private int pos = order.length;

      @Override
      public Dataset next(int n) {
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
          if (pos == order.length) {
            RowOrder.shuffle(order, random);
            pos = 0;
          }
          rows[r] = order[pos++];
        }
        return data.select(rows);
      }

      @Override
      public void newPass() {
        pos = order.length;
      }
    };
  }

  @Override
  public Split split(double fraction, SplittableRandom random, String task) {
    ValidationSplit split = ValidationSplit.draw(data.size(), fraction, random);
    if (split.heldOut().length < 1 || split.kept().length < 2) {
      throw new IllegalArgumentException(task + ": " + data.size() + " training pairs are too few for a validation"
          + " split of " + fraction + "; simulate more pairs");
    }
    return new Split(new InMemoryRows(data.select(split.kept())), new InMemoryRows(data.select(split.heldOut())));
  }

  @Override
  public void forEachBlock(int blockRows, Consumer<Dataset> block) {
    for (int from = 0; from < data.size(); from += blockRows) {
      int[] idx = new int[Math.min(data.size(), from + blockRows) - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      block.accept(data.select(idx));
    }
  }
}
