package dev.inn.core.blocks;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Matrix;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * {@code permutation}: a fixed random shuffle of the columns, drawn from the scope's seed and
 * stored with the model as a fixed parameter so a loaded model permutes identically.
 */
public final class PermutationProvider implements BlockProvider {

  @Override
  public String name() {
    return "permutation";
  }

  @Override
  public String description() {
    return "fixed seeded random permutation of the columns (stored with the model)";
  }

  @Override
  public InvertibleBlock create(BlockSpec spec, Parameters params) {
    return new Permutation(randomOrderParameter(params, spec.width()));
  }

  /**
   * A {@link #randomOrder} from the scope's seed, stored as the fixed parameter {@code order} so
   * that a saved model keeps it.
   */
  static Parameter randomOrderParameter(Parameters params, int width) {
    int[] order = randomOrder(width, params.seed());
    float[] stored = new float[width];
    for (int i = 0; i < width; i++) {
      stored[i] = order[i];
    }
    return params.fixed("order", 1, width, stored);
  }

  /** The column order held by {@code order}, read at each use (a loaded model replaces the values). */
  static int[] storedOrder(Parameter order) {
    float[] v = order.values();
    int[] o = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = (int) v[i];
    }
    return o;
  }

  /** The order that undoes {@code order}: column order[i] goes back to i. */
  static int[] inverseOrder(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inv[order[i]] = i;
    }
    return inv;
  }

  /** A uniformly random shuffle of 0..width-1 (Fisher-Yates) drawn from {@code seed}. */
  static int[] randomOrder(int width, long seed) {
    int[] order = new int[width];
    for (int i = 0; i < width; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = width - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Reads its order from the (possibly loaded) parameter at every use. */
  private static final class Permutation implements InvertibleBlock {
    private final Parameter order;

    Permutation(Parameter order) {
      this.order = order;
    }

    @Override
    public Transformed forward(Ops ops, Tensor u) {
      return new Transformed(ops.permuteColumns(u, storedOrder(order)), ops.constant(Matrix.zeros(u.rows(), 1)));
    }

    @Override
    public Transformed inverse(Ops ops, Tensor v) {
      return new Transformed(ops.permuteColumns(v, inverseOrder(storedOrder(order))),
          ops.constant(Matrix.zeros(v.rows(), 1)));
    }
  }
}
