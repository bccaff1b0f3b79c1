package dev.inn.problems.prior;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.random.Seeds;
import java.util.SplittableRandom;

/**
 * A prior drawn row by row, row {@code i} from its own stream {@code Seeds.derive(seed, i)}:
 * the same first draw per row as a task's {@code sample(n, seed)} makes before it simulates, so
 * prior draws and training pairs agree row for row.
 *
 * @param dim the parameter dimension
 * @param draw one draw of the parameters into {@code theta} from {@code rng}
 */
public record RowSeededPrior(int dim, RowDraw draw) implements Problem.Prior {

  /** One prior draw. */
  @FunctionalInterface
  public interface RowDraw {
    /** Fills {@code theta} (length {@code dim}) with one draw from {@code rng}. */
    void draw(SplittableRandom rng, double[] theta);
  }

  @Override
  public Matrix sample(int n, long seed) {
    float[] xs = new float[n * dim];
    double[] theta = new double[dim];
    for (int i = 0; i < n; i++) {
      draw.draw(new SplittableRandom(Seeds.derive(seed, i)), theta);
      for (int j = 0; j < dim; j++) {
        xs[i * dim + j] = (float) theta[j];
      }
    }
    return new Matrix(n, dim, xs);
  }
}
