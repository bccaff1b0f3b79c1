package dev.inn.problems.noiseless;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A problem without measurement noise: y is a deterministic function of x. Its prior is its own
 * draws, its simulator is the noiseless process (which ignores the seed), and a training pair is
 * a prior draw and its image.
 */
public abstract class NoiselessProblem implements Problem {

  /** {@code n} prior draws, one per row, reproducible for {@code seed}. */
  protected abstract Matrix drawPrior(int n, long seed);

  /** y = s(x) for every row of {@code x}; rows where the process is undefined are marked invalid. */
  protected abstract Simulation simulate(Matrix x);

  /** The process of one row, for {@link #simulateRows}. */
  @FunctionalInterface
  protected interface RowProcess {
    /**
     * Writes y of the row whose values start at {@code x[offset]} into {@code y}; a value that
     * is not finite marks the row as one where the process is undefined.
     */
    void apply(float[] x, int offset, double[] y);
  }

  /**
   * {@link #simulate} for a process applied row by row: x must have {@link #parameterDim()}
   * columns; y has {@code dy}, all NaN on a row where a value is not finite (marked invalid).
   * Rows run in chunks of {@code chunkRows}, in parallel when there are several; each row
   * depends on itself alone, so the numbers do not depend on the chunking.
   */
  protected final Simulation simulateRows(Matrix x, int dy, int chunkRows, RowProcess process) {
    int dx = parameterDim();
    if (x.cols() != dx) {
      throw new IllegalArgumentException(name() + ": x has " + dx + " columns, got " + x.cols());
    }
    int n = x.rows();
    float[] in = x.data();
    float[] y = new float[dy * n];
    boolean[] valid = new boolean[n];
    int chunks = (n + chunkRows - 1) / chunkRows;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      double[] row = new double[dy];
      int to = Math.min(n, (c + 1) * chunkRows);
      for (int i = c * chunkRows; i < to; i++) {
        process.apply(in, i * dx, row);
        boolean ok = true;
        for (double v : row) {
          ok &= Double.isFinite(v);
        }
        valid[i] = ok;
        for (int k = 0; k < dy; k++) {
          y[i * dy + k] = ok ? (float) row[k] : Float.NaN;
        }
      }
    });
    return new Simulation(new Matrix(n, dy, y), valid);
  }

  /** y is a noiseless function of x, so it fixes dim y directions and z keeps the rest (at least one). */
  @Override
  public int latentDim() {
    return Math.max(1, parameterDim() - observationDim());
  }

  @Override
  public Dataset sample(int n, long seed) {
    Matrix x = drawPrior(n, seed);
    return new Dataset(x, simulate(x).y());
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(this::drawPrior);
  }

  /** The model has no measurement noise: the simulator is the noiseless process and ignores its seed. */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> simulate(x));
  }

  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return Optional.of(this::simulate);
  }
}
