package dev.inn.spark.abc;

import dev.inn.api.data.Matrix;
import dev.inn.problems.dataset.NpyReader;
import dev.inn.problems.store.SimulationStore;
import dev.inn.spark.SparkSessions;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Rejection ABC for many observations over a simulation store, one Spark task per chunk: for
 * each observation y*, the {@code keep} stored pairs whose y is nearest to y* (Euclidean
 * distance, ties broken by row), their x being the posterior sample. Each task keeps the
 * {@code keep} nearest of its chunk per observation; the driver merges them. The result is the
 * same as the {@code abc} method's {@code mode = "pool"} on the same pairs (its ranking and
 * distance, in the same float arithmetic). Executors read the chunks from the store's folder,
 * which must therefore be visible to them (a shared file system on a cluster).
 */
public final class PartitionedAbc {

  private PartitionedAbc() {
  }

  /** One candidate: its distance and global row, and its x. */
  record Candidate(double distance, long row, float[] x) implements Serializable {}

  private static final Comparator<Candidate> NEAREST_FIRST =
      Comparator.comparingDouble(Candidate::distance).thenComparingLong(Candidate::row);

  /**
   * Posterior samples per observation: element j is a (keep, dim x) matrix, nearest first.
   *
   * @param observations one observation per row
   */
  public static List<Matrix> run(JavaSparkContext sc, Path store, Matrix observations, int keep) {
    SimulationStore.Header h = SimulationStore.header(store);
    if (!h.complete()) {
      throw new IllegalArgumentException("simulation store " + store + " is incomplete; finish it with the same "
          + "'inn simulate' command first");
    }
    if (keep < 1 || keep > h.n()) {
      throw new IllegalArgumentException("keep must be between 1 and the store's " + h.n() + " pairs, got " + keep);
    }
    long chunkSize = SimulationStore.chunkSize(store);
    int chunks = (int) ((h.n() + chunkSize - 1) / chunkSize);
    String folder = store.toAbsolutePath().toString();
    Broadcast<float[]> obs = sc.broadcast(observations.data());
    int dy = observations.cols();
    int m = observations.rows();
    List<Integer> indices = IntStream.range(0, chunks).boxed().toList();
    List<List<Candidate>> merged = sc.parallelize(indices, chunks)
        .map(c -> nearestInChunk(Path.of(folder), c, c * chunkSize, obs.value(), m, dy, keep))
        .reduce((a, b) -> merge(a, b, keep));
    obs.destroy();
    List<Matrix> out = new ArrayList<>();
    for (List<Candidate> list : merged) {
      int dx = list.get(0).x().length;
      float[] x = new float[list.size() * dx];
      for (int i = 0; i < list.size(); i++) {
        System.arraycopy(list.get(i).x(), 0, x, i * dx, dx);
      }
      out.add(new Matrix(list.size(), dx, x));
    }
    return out;
  }

  static List<List<Candidate>> nearestInChunk(Path folder, int chunk, long firstRow, float[] obs, int m, int dy,
      int keep) {
    Matrix x;
    Matrix y;
    try {
      x = NpyReader.read(folder.resolve(SimulationStore.chunkName(chunk, "x")));
      y = NpyReader.read(folder.resolve(SimulationStore.chunkName(chunk, "y")));
    } catch (RuntimeException e) {
      throw new IllegalStateException(SparkSessions.executorName() + " cannot read chunk " + chunk
          + " of the simulation store " + folder + " (" + e.getMessage() + "); the executors read the store "
          + "themselves, so it must be on a file system every worker mounts at the same path", e);
    }
    if (y.cols() != dy) {
      throw new IllegalArgumentException("observations have " + dy + " values, the store's y has " + y.cols());
    }
    List<List<Candidate>> out = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      // a max-heap of the keep nearest so far: its head is the first to go
      PriorityQueue<Candidate> heap = new PriorityQueue<>(keep + 1, NEAREST_FIRST.reversed());
      for (int i = 0; i < y.rows(); i++) {
        double s = 0;
        for (int c = 0; c < dy; c++) {
          // float difference widened to double, as the abc method computes it
          double d = y.get(i, c) - obs[j * dy + c];
          s += d * d;
        }
        Candidate cand = new Candidate(Math.sqrt(s), firstRow + i, null);
        if (heap.size() < keep) {
          heap.add(new Candidate(cand.distance(), cand.row(), x.row(i)));
        } else if (NEAREST_FIRST.compare(cand, heap.peek()) < 0) {
          heap.poll();
          heap.add(new Candidate(cand.distance(), cand.row(), x.row(i)));
        }
      }
      List<Candidate> list = new ArrayList<>(heap);
      list.sort(NEAREST_FIRST);
      out.add(list);
    }
    return out;
  }

  static List<List<Candidate>> merge(List<List<Candidate>> a, List<List<Candidate>> b, int keep) {
    List<List<Candidate>> out = new ArrayList<>(a.size());
    for (int j = 0; j < a.size(); j++) {
      List<Candidate> both = new ArrayList<>(a.get(j));
      both.addAll(b.get(j));
      both.sort(NEAREST_FIRST);
      out.add(new ArrayList<>(both.subList(0, Math.min(keep, both.size()))));
    }
    return out;
  }
}
