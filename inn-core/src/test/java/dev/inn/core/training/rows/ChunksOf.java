package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.PairChunks;
import java.util.concurrent.atomic.AtomicInteger;

/** A data set in memory cut into chunks of {@code chunk} rows, counting its reads. */
public final class ChunksOf implements PairChunks {

  private final Dataset data;
  private final int chunk;
  final AtomicInteger reads = new AtomicInteger();

  public ChunksOf(Dataset data, int chunk) {
    this.data = data;
    this.chunk = chunk;
  }

  @Override
  public int chunks() {
    return (data.size() + chunk - 1) / chunk;
  }

  @Override
  public int rows(int c) {
    return Math.min(chunk, data.size() - c * chunk);
  }

  @Override
  public Dataset read(int c) {
    reads.incrementAndGet();
    int[] idx = new int[rows(c)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = c * chunk + i;
    }
    return data.select(idx);
  }

  @Override
  public String describe() {
    return "test chunks";
  }
}
