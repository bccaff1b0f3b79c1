package dev.inn.core.blocks;

import dev.inn.api.block.BlockChain;
import dev.inn.api.data.Dataset;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * How a network lets the data-initialised blocks of its {@link BlockChain} (ActNorm) set
 * themselves before training: one batch of up to {@value #ROWS} training rows drawn from the
 * training seed, run through the chain once.
 */
public final class DataInitialization {

  /** Rows of the batch: enough for stable per-feature moments, cheap next to one epoch. */
  static final int ROWS = 1024;

  private DataInitialization() {}

  /**
   * Initialises {@code chain}'s data-initialised blocks from {@code data}; does nothing (and
   * draws nothing) when the chain has none.
   *
   * @param chain the network's chain
   * @param data the training pairs in the units the chain is trained in
   * @param seed the training seed, which picks the rows
   * @param parallel the threads of the pass
   * @param input the chain's input for a batch (the network's own arrangement of x)
   * @param condition the chain's condition for a batch; returns null for an unconditioned chain
   */
  public static void run(BlockChain chain, Dataset data, long seed, RowParallel parallel,
      BiFunction<Ops, Dataset, Tensor> input, BiFunction<Ops, Dataset, Tensor> condition) {
    if (!chain.dataInitialized()) {
      return;
    }
    int n = Math.min(ROWS, data.size());
    Dataset batch = data.select(new SplittableRandom(seed ^ 0x1D1L).ints(n, 0, data.size()).toArray());
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, parallel, false);
    Tensor c = condition.apply(g, batch);
    chain.initialize(g, input.apply(g, batch), c);
    pool.releaseAll();
  }
}
