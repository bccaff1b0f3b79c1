package dev.inn.core.training.rows;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.PairChunks;
import dev.inn.api.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One method's training from chunks. The method runs its usual training on a <em>sample</em>
 * of {@code window} chunks (drawn by the seed, all of them in stored order when the window
 * covers every chunk): the sample fixes the standardisation statistics, a data-dependent
 * initialisation and the checks after training. Its trainer then pulls the batches from all
 * chunks through {@link StreamedRows}. Held in memory at most: the sample as read and as
 * scaled, plus the trainer's window and the chunk being read, i.e. about
 * {@code 3 * window + 2} chunks (one more while a validation chunk is read).
 *
 * <p>When the window covers every chunk, the sample is every pair in stored order and the
 * fixed-step schedule gives the same weights as training on the pairs in memory; the
 * epoch schedule holds out whole chunks for validation instead of rows, so it differs.
 */
public final class ChunkStream {

  private final PairChunks pairs;
  private final int window;
  private final Dataset sample;
  private Dataset scaledSample;
  private int trainerRuns;

  private ChunkStream(PairChunks pairs, int window, Dataset sample) {
    this.pairs = pairs;
    this.window = window;
    this.sample = sample;
  }

  /** Reads the sample of {@code window} chunks of {@code pairs} chosen by {@code seed}. */
  public static ChunkStream open(PairChunks pairs, int window, long seed) {
    if (window < 1) {
      throw new IllegalArgumentException("window_chunks must be at least 1, got " + window);
    }
    if (pairs.chunks() < 1) {
      throw new IllegalArgumentException(pairs.describe() + " holds no chunks");
    }
    int[] chosen = RowOrder.identity(pairs.chunks());
    if (window < chosen.length) {
      RowOrder.shuffle(chosen, new SplittableRandom(Seeds.derive(seed, 0x53414D50L)));
      chosen = RowOrder.slice(chosen, 0, window);
      Arrays.sort(chosen);
    }
    StreamedRows reader = new StreamedRows(pairs, chosen, window, d -> d, seed, new StreamedRows.HeldRows());
    return new ChunkStream(pairs, window, reader.readAll());
  }

  /** The pairs the method trains on in its own code (not the trainer's batches). */
  public Dataset sample() {
    return sample;
  }

  /** Records the sample in the units the networks learn in: the rows the method hands its trainer. */
  public void scaled(Dataset scaled) {
    this.scaledSample = scaled;
  }

  /**
   * The trainer's rows for a method that asked to train on {@code data}: all chunks, each
   * prepared by {@code prepare}; {@code data} must be the scaled sample, else the method
   * changes its rows in a way the chunks would not see, and is refused.
   */
  public StreamedRows rows(Dataset data, String method, UnaryOperator<Dataset> prepare, long seed) {
    if (scaledSample == null || data != scaledSample) {
      throw new IllegalStateException(method + " hands its trainer rows other than its scaled training pairs,"
          + " so it cannot train from chunks; train it in memory");
    }
    trainerRuns++;
    return new StreamedRows(pairs, window, prepare, seed);
  }

  /** Refuses a method that trained without pulling its batches from the chunks. */
  public void checkTrainerStreamed(String method) {
    if (trainerRuns == 0) {
      throw new IllegalArgumentException(method + " trains with a loop of its own, not the shared trainer, so it"
          + " cannot train from chunks; train it in memory");
    }
  }
}
