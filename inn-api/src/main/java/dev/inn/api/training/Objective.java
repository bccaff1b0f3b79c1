package dev.inn.api.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Ops;
import java.util.List;
import java.util.SplittableRandom;

/** The loss terms of one training step on a batch; the trainer sums {@code weight * value}. */
@FunctionalInterface
public interface Objective {

  /**
   * The weighted terms of one batch.
   *
   * @param ops the differentiable operations of this step (recording gradients while training)
   * @param batch the rows of this step
   * @param random the training's seeded generator, for noise and sub-sampling
   * @param step the step number (0 for the validation passes of early stopping)
   * @return the terms; each value a 1 x 1 tensor
   */
  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step);

  /**
   * Whether every term is a mean over the batch's rows of values that depend on their own row
   * only (a likelihood, a per-row error; not an MMD, which couples rows). The trainer may then
   * cut a batch into shards of a size fixed by the batch alone, run them forward and backward
   * on several cores at once and sum their gradients in a fixed order, so results do not
   * depend on the thread count. The shards' terms are computed at the same time on different
   * threads (each with its own generator split off {@code random}), so the objective and the
   * blocks it runs must keep no state between calls.
   *
   * @return false unless declared with {@link #separableOverRows(Objective)}
   */
  default boolean separableOverRows() {
    return false;
  }

  /**
   * {@code objective}, declared separable over rows (see {@link #separableOverRows()}).
   *
   * @param objective terms that are means over rows of per-row values
   * @return the same terms, marked separable
   */
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
