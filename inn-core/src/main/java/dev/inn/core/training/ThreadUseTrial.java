package dev.inn.core.training;

import dev.inn.core.linalg.RowParallel;
import java.util.Arrays;

/**
 * Whether a training step runs faster on all threads or on one, found by timing: after a
 * warm-up, blocks of gradient steps alternate between the two, and the way with the lower
 * median step time is kept for the rest of the training. Two threads pay only when a step's
 * work outweighs their hand-offs and the cores slowing each other down, which depends on the
 * network, the batch and how busy the machine is. Blocks, not single steps, because a switch
 * costs the next step (the idle thread has parked, the other core's cache holds the shard's
 * data), which step-by-step alternation would time against the threads. The choice never
 * changes the numbers, since shards are cut by the batch size alone; it only changes which
 * thread runs them. The timings behind this design: docs/decisions.md.
 */
final class ThreadUseTrial {

  /** Gradient steps before timing starts (the JIT compiles the step on the other core meanwhile). */
  static final int WARMUP = 200;
  /** Steps per block, and blocks each way; the first steps of a block are not timed. */
  static final int BLOCK = 8;
  static final int BLOCKS = 3;
  private static final int SETTLE = 2;
  private static final int TRIALS = BLOCKS * (BLOCK - SETTLE);

  private final RowParallel many;
  private final RowParallel one;
  private final long[][] nanos = new long[2][TRIALS];
  private final int[] counts = new int[2];
  private int steps;
  private RowParallel chosen;

  ThreadUseTrial(RowParallel many, RowParallel one) {
    this.many = many;
    this.one = one;
    this.chosen = many.threads() > 1 ? null : many;
  }

  /** The threads for the next gradient step. */
  RowParallel next() {
    if (chosen != null) {
      return chosen;
    }
    return steps < WARMUP || ((steps - WARMUP) / BLOCK) % 2 == 0 ? many : one;
  }

  /** Books a gradient step run on {@code used}; decides once both ways have their trials. */
  void took(RowParallel used, long stepNanos) {
    if (chosen != null) {
      return;
    }
    int step = steps++;
    if (step < WARMUP || (step - WARMUP) % BLOCK < SETTLE) {
      return;
    }
    int way = used == many ? 0 : 1;
    if (counts[way] < TRIALS) {
      nanos[way][counts[way]++] = stepNanos;
    }
    if (counts[0] == TRIALS && counts[1] == TRIALS) {
      chosen = median(nanos[1]) < median(nanos[0]) ? one : many;
    }
  }

  /** The threads kept, or all of them while the trial runs. */
  RowParallel chosen() {
    return chosen != null ? chosen : many;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
