package dev.inn.baselines.cgan;

import dev.inn.api.data.Dataset;
import java.util.SplittableRandom;

/** Mini-batches drawn without replacement, reshuffled (seeded) at the start of every epoch. */
final class BatchOrder {

  private final Dataset data;
  private final int[] order;
  private final int[] rows;
  private int cursor;

  BatchOrder(Dataset data, int batch) {
    this.data = data;
    this.order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.rows = new int[Math.min(batch, data.size())];
    this.cursor = order.length;
  }

  Dataset next(SplittableRandom random) {
    for (int r = 0; r < rows.length; r++) {
      if (cursor == order.length) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        cursor = 0;
      }
      rows[r] = order[cursor++];
    }
    return data.select(rows);
  }
}
