package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.PairChunks;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.problems.dataset.DataFileException;
import dev.inn.problems.dataset.NpyReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A complete simulation store read one chunk at a time, for training on more pairs than the heap
 * holds: opening it reads only the manifest (and, for sets and sequences, the small lengths
 * files, to pad every chunk to the store's longest row as {@link SimulationStore#read} does).
 * Each {@link #read} returns exactly the rows {@link SimulationStore#read} holds for that chunk.
 */
public final class StoreChunks implements PairChunks {

  private final Path folder;
  private final long n;
  private final long chunkSize;
  private final int chunks;
  private final int xCols;
  private final int width;
  private final boolean ragged;
  private final int paddedCols;

  private StoreChunks(Path folder, long n, long chunkSize, int chunks, int xCols, int width, boolean ragged,
      int paddedCols) {
    this.folder = folder;
    this.n = n;
    this.chunkSize = chunkSize;
    this.chunks = chunks;
    this.xCols = xCols;
    this.width = width;
    this.ragged = ragged;
    this.paddedCols = paddedCols;
  }

  /**
   * The store in {@code folder}, checked to hold simulations of {@code base} (registered as
   * {@code name}, made from {@code settings}) as {@link StoredProblem#wrap} checks it; an
   * incomplete store is refused with how to finish it.
   */
  public static StoreChunks open(String name, Problem base, Settings settings, Path folder) {
    Map<String, String> m = SimulationStore.manifestOf(folder);
    if (!"complete".equals(SimulationStore.unquote(m.get("status")))) {
      throw new DataFileException("simulation store " + folder + " is incomplete (an interrupted run); finish it by "
          + "running the same 'inn simulate' command again");
    }
    if (!m.containsKey("chunk_size")) {
      throw new DataFileException(folder.resolve(SimulationStore.MANIFEST) + ": missing key 'chunk_size'");
    }
    List<String> xs = SimulationStore.strings(m.get("x_columns"));
    List<String> ys = SimulationStore.strings(m.get("y_columns"));
    boolean ragged = m.containsKey("observation");
    StoredProblem.checkFits(name, base, settings, folder, SimulationStore.unquote(m.get("problem")),
        SimulationStore.settingsOf(m), Long.parseLong(m.get("seed")), xs, ys, ragged);
    long n = Long.parseLong(m.get("n"));
    long chunkSize = Long.parseLong(m.get("chunk_size"));
    int chunks = Integer.parseInt(m.get("chunks"));
    if (n < 1 || chunkSize < 1 || chunks != (n + chunkSize - 1) / chunkSize) {
      throw new DataFileException(folder.resolve(SimulationStore.MANIFEST) + ": n = " + n + ", chunk_size = "
          + chunkSize + " and chunks = " + chunks + " do not agree");
    }
    StoreChunks shape = new StoreChunks(folder, n, chunkSize, chunks, xs.size(), ys.size(), ragged, ys.size());
    if (!ragged) {
      return shape;
    }
    int longest = 1;
    for (int c = 0; c < chunks; c++) {
      longest = Math.max(longest, longestOf(shape.lengths(c), folder, c));
    }
    return new StoreChunks(folder, n, chunkSize, chunks, xs.size(), ys.size(), true, longest * ys.size());
  }

  @Override
  public int chunks() {
    return chunks;
  }

  @Override
  public int rows(int chunk) {
    return (int) Math.min(chunkSize, n - (long) chunk * chunkSize);
  }

  @Override
  public String describe() {
    return "simulation store " + folder;
  }

  @Override
  public Dataset read(int chunk) {
    if (chunk < 0 || chunk >= chunks) {
      throw new IllegalArgumentException("chunk " + chunk + " is not one of the " + chunks + " chunks of " + folder);
    }
    Matrix x = NpyReader.read(folder.resolve(SimulationStore.chunkName(chunk, "x")));
    Matrix y = NpyReader.read(folder.resolve(SimulationStore.chunkName(chunk, "y")));
    int rows = rows(chunk);
    boolean fits = ragged ? y.cols() % width == 0 && y.cols() <= paddedCols : y.cols() == width;
    if (x.rows() != rows || y.rows() != rows || x.cols() != xCols || !fits) {
      throw new DataFileException(folder + ": chunk " + chunk + " has shapes (" + x.rows() + ", " + x.cols() + ") and ("
          + y.rows() + ", " + y.cols() + "), which do not fit the manifest (" + rows + " rows of " + xCols + " and "
          + width + " columns)");
    }
    if (!ragged) {
      return new Dataset(x, y);
    }
    Matrix l = lengths(chunk);
    int[] lengths = new int[rows];
    for (int i = 0; i < rows; i++) {
      float v = l.data()[i];
      if (v != Math.rint(v) || v < 0 || v * width > y.cols()) {
        throw new DataFileException(folder.resolve(SimulationStore.chunkName(chunk, "lengths")) + " row " + i
            + ": length " + v + " does not fit rows of " + y.cols() / width + " elements");
      }
      lengths[i] = (int) v;
    }
    float[] padded = new float[rows * paddedCols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(y.data(), i * y.cols(), padded, i * paddedCols, y.cols());
    }
    return new Dataset(x, new Matrix(rows, paddedCols, padded), lengths);
  }

  private Matrix lengths(int chunk) {
    Matrix l = NpyReader.read(folder.resolve(SimulationStore.chunkName(chunk, "lengths")));
    if (l.rows() != rows(chunk) || l.cols() != 1) {
      throw new DataFileException(folder.resolve(SimulationStore.chunkName(chunk, "lengths")) + " has shape ("
          + l.rows() + ", " + l.cols() + "), expected (" + rows(chunk) + ", 1)");
    }
    return l;
  }

  private static int longestOf(Matrix lengths, Path folder, int chunk) {
    int longest = 0;
    for (float v : lengths.data()) {
      if (!(v >= 0) || v > Integer.MAX_VALUE) {
        throw new DataFileException(folder.resolve(SimulationStore.chunkName(chunk, "lengths")) + ": length " + v
            + " is not a count of elements");
      }
      longest = Math.max(longest, (int) v);
    }
    return longest;
  }
}
