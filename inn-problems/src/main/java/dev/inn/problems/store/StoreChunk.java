package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.problems.dataset.NpyWriter;
import java.io.Serializable;

/**
 * One finished chunk of a store, ready to be written: x and y as {@code .npy} bytes (float32)
 * and what was invalid on the way. Serializable so a cluster task can return it.
 *
 * @param index chunk number
 * @param seed the seed it was simulated from
 * @param rows pairs in it
 * @param x the parameters, a (rows, dim x) float32 {@code .npy}
 * @param y the observations, a (rows, dim y) float32 {@code .npy}
 * @param invalid simulations dropped and replaced while making it
 * @param lengths for sets and sequences, the elements of each row, a (rows, 1) float32
 *     {@code .npy} ({@code y} then holds rows padded to the chunk's longest); empty for vectors
 */
public record StoreChunk(int index, long seed, int rows, byte[] x, byte[] y, InvalidSimulations invalid,
    byte[] lengths) implements Serializable {

  /** A chunk of observation vectors. */
  public StoreChunk(int index, long seed, int rows, byte[] x, byte[] y, InvalidSimulations invalid) {
    this(index, seed, rows, x, y, invalid, new byte[0]);
  }

  /**
   * Simulates chunk {@code c} of {@code plan}, rows {@code c * chunkSize ..} of the run under the
   * plan's seed: fresh simulations row by row when the problem is a {@link SimulationSource} or has a
   * prior and a simulator ({@link JointDraws}), so the bytes do not depend on the chunk size; else
   * (a data set) its training draws {@link Problem#sample} under the chunk's seed.
   */
  public static StoreChunk simulate(Problem problem, StorePlan plan, int c) {
    if (c < 0 || c >= plan.chunks()) {
      throw new IllegalArgumentException("chunk " + c + " is not in a plan of " + plan.chunks() + " chunks");
    }
    int rows = plan.rows(c);
    long seed = plan.chunkSeed(c);
    Dataset data;
    InvalidSimulations invalid;
    long firstRow = (long) c * plan.chunkSize();
    SimulationSource source = problem instanceof SimulationSource s ? s : JointDraws.of(problem);
    if (source != null) {
      SimulationBatch b = source.simulate(firstRow, rows, plan.seed());
      data = b.data();
      invalid = b.invalid();
    } else {
      data = problem.sample(rows, seed);
      invalid = InvalidSimulations.NONE;
    }
    int width = plan.yColumns().size();
    boolean yFits = plan.ragged() ? data.ragged() && data.y().cols() % width == 0 : data.y().cols() == width;
    if (data.size() != rows || data.x().cols() != plan.xColumns().size() || !yFits) {
      throw new IllegalStateException("problem '" + plan.problem() + "' returned " + data.size() + " pairs of ("
          + data.x().cols() + ", " + data.y().cols() + ") columns for chunk " + c + "; expected " + rows + " of ("
          + plan.xColumns().size() + ", " + plan.yColumns().size() + ")");
    }
    if (plan.ragged()) {
      float[] lengths = new float[rows];
      int longest = 0;
      for (int i = 0; i < rows; i++) {
        lengths[i] = data.lengths()[i];
        longest = Math.max(longest, data.lengths()[i]);
      }
      // padded to the chunk's longest row, not the problem's: a chunk of short series stays small
      Matrix y = data.y().columns(0, Math.max(1, longest) * width);
      return new StoreChunk(c, seed, rows, NpyWriter.float32(data.x()), NpyWriter.float32(y), invalid,
          NpyWriter.float32(new Matrix(rows, 1, lengths)));
    }
    return new StoreChunk(c, seed, rows, NpyWriter.float32(data.x()), NpyWriter.float32(data.y()), invalid);
  }
}
