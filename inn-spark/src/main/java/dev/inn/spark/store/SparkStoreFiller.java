package dev.inn.spark.store;

import dev.inn.problems.store.InvalidSimulations;
import dev.inn.problems.store.SimulationStore;
import dev.inn.problems.store.StoreChunk;
import dev.inn.problems.store.StorePlan;
import dev.inn.problems.store.StoreWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Fills a simulation store with Spark tasks, one chunk per task. A chunk depends on the plan
 * alone (its seed is derived from the store's seed and its index), so the files equal those of
 * {@code inn simulate} on one machine byte for byte. Tasks return their chunk to the driver,
 * which writes it, so executors need no shared file system; chunks are collected in waves of a
 * few per task slot, and an interrupted run keeps every wave already written.
 */
public final class SparkStoreFiller {

  private SparkStoreFiller() {
  }

  /** Simulates and writes every missing chunk of {@code store}, then finishes its manifest. */
  public static StoreWriter.Result fill(JavaSparkContext sc, ProblemRecipe recipe, SimulationStore store,
      PrintWriter progress) {
    StorePlan plan = store.plan();
    List<Integer> missing = store.missingChunks();
    int present = plan.chunks() - missing.size();
    int slots = Math.max(1, sc.defaultParallelism());
    int wave = slots * 4;
    progress.printf(Locale.ROOT, "simulation store %s: %d of %d chunks present, %d to simulate as Spark tasks on %s"
        + " (%d task slots)%n", store.folder(), present, plan.chunks(), missing.size(), sc.master(), slots);
    progress.flush();
    long t0 = System.nanoTime();
    long rows = 0;
    for (int from = 0; from < missing.size(); from += wave) {
      List<Integer> part = new ArrayList<>(missing.subList(from, Math.min(missing.size(), from + wave)));
      List<StoreChunk> chunks = sc.parallelize(part, part.size())
          .map(c -> StoreChunk.simulate(recipe.shared(), plan, c))
          .collect();
      for (StoreChunk chunk : chunks) {
        store.write(chunk);
        rows += chunk.rows();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      progress.printf(Locale.ROOT, "%d/%d chunks written this run, %d pairs, %.1f pairs/s%n",
          Math.min(missing.size(), from + wave), missing.size(), rows, rows / s);
      progress.flush();
    }
    ProblemRecipe.closeShared();
    InvalidSimulations invalid = store.finish();
    return new StoreWriter.Result(missing.size(), present, invalid, (System.nanoTime() - t0) / 1e9);
  }
}
