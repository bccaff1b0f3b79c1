package dev.inn.api.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An objective in two stages, for losses that couple rows (an MMD) on top of per-row work (the
 * network passes): a <em>row stage</em> whose terms are means over rows of per-row values and
 * which hands on per-row outputs, and a <em>batch stage</em> whose terms are computed on those
 * outputs for the whole batch. The trainer may then run the row stage on shards of the batch
 * (of a size fixed by the batch alone) on several cores at once, gather the shards' outputs in
 * row order, run the batch stage once on the gathered rows, and back-propagate its gradient
 * into each shard. The batch stage's terms are the same mathematical quantity as without
 * shards (an MMD over the whole batch, not per shard); results do not depend on the thread
 * count.
 *
 * <p>Everything random is drawn once per batch, in a fixed order, by {@link #prepare}; the
 * row stage only slices it. Row stages of one batch run at the same time on different
 * threads, so they and the blocks they run must keep no state between calls.
 */
public interface StagedObjective extends Objective {

  /**
   * The stages of one batch, with its random numbers drawn.
   *
   * @param batch the rows of this step
   * @param random the training's seeded generator, for noise and sub-sampling
   * @param step the step number (0 for the validation passes of early stopping)
   * @return the batch's stages
   */
  Stages prepare(Dataset batch, SplittableRandom random, int step);

  /** Both stages on the whole batch in one set of operations. */
  @Override
  default List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    Stages stages = prepare(batch, random, step);
    RowStage rows = stages.rows(ops, 0, batch.size());
    return stages.inOrder(rows.terms(), stages.batch(ops, rows.outputs()));
  }

  /** The two stages of one prepared batch. */
  interface Stages {

    /**
     * The row stage on rows [from, to) of the batch; called for disjoint ranges at the same
     * time, each with its own {@code ops}.
     *
     * @param ops the operations of this shard
     * @param from the first row
     * @param to one past the last row
     * @return terms that are means over the range's rows of per-row values, and the per-row
     *     outputs the batch stage needs ({@code to - from} rows each)
     */
    RowStage rows(Ops ops, int from, int to);

    /**
     * The batch stage on the row stage's outputs of every row of the batch, in row order. It
     * may use no parameter: its gradient reaches the parameters through the outputs.
     *
     * @param ops the operations of the batch stage
     * @param outputs the row stage's outputs, gathered over the batch's rows
     * @return the terms that couple rows; each value a 1 x 1 tensor
     */
    List<LossTerm> batch(Ops ops, List<Tensor> outputs);

    /**
     * The order in which the terms of both stages are reported (for loss curves and logs).
     *
     * @param rowTerms the row stage's terms (or values standing for them)
     * @param batchTerms the batch stage's terms
     * @return all of them; by default the row terms first
     */
    default List<LossTerm> inOrder(List<LossTerm> rowTerms, List<LossTerm> batchTerms) {
      List<LossTerm> all = new ArrayList<>(rowTerms);
      all.addAll(batchTerms);
      return all;
    }
  }

  /**
   * The row stage's result on a range of rows.
   *
   * @param terms means over the range's rows of per-row values
   * @param outputs per-row values (one row per row of the range) for the batch stage
   */
  record RowStage(List<LossTerm> terms, List<Tensor> outputs) {
    /** Immutable copies. */
    public RowStage {
      terms = List.copyOf(terms);
      outputs = List.copyOf(outputs);
    }
  }
}
