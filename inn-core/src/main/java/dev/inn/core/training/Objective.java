package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Ops;
import java.util.List;
import java.util.SplittableRandom;

/** The loss terms of one training step on a batch; the trainer sums {@code weight * value}. */
@FunctionalInterface
public interface Objective {

  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step);

  /**
   * Whether every term is a mean over the batch's rows of values that depend on their own row
   * only (a likelihood, a per-row error; not an MMD, which couples rows). The trainer then
   * splits a batch into shards that run forward and backward on both cores, and sums their
   * gradients in a fixed order, so results do not depend on the thread count. The terms of
   * the shards are computed at the same time on different threads, so the objective (and the
   * blocks it runs) must keep no state between calls.
   */
  default boolean separableOverRows() {
    return false;
  }

  /** {@code objective}, declared separable over rows (see {@link #separableOverRows}). */
  static Objective separableOverRows(Objective objective) {
    return new Objective() {
      @Override
      public List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
        return objective.terms(ops, batch, random, step);
      }

      @Override
      public boolean separableOverRows() {
        return true;
      }
    };
  }
}
