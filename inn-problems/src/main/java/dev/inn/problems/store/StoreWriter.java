package dev.inn.problems.store;

import dev.inn.api.problem.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the missing chunks of a store on this machine, {@code workers} chunks at a time. A
 * chunk is written as soon as it is done, so an interrupted run loses at most the chunks in
 * flight.
 */
public final class StoreWriter {

  private StoreWriter() {
  }

  /** What a run did. */
  public record Result(int chunksWritten, int chunksPresent, InvalidSimulations invalid, double seconds) {}

  /** Simulates and writes every missing chunk, then finishes the manifest. */
  public static Result fill(SimulationStore store, Problem problem, int workers, PrintWriter progress) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    StorePlan plan = store.plan();
    List<Integer> missing = store.missingChunks();
    int present = plan.chunks() - missing.size();
    progress.printf(Locale.ROOT, "simulation store %s: %d of %d chunks present, %d to simulate with %d worker(s)%n",
        store.folder(), present, plan.chunks(), missing.size(), workers);
    long t0 = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    AtomicLong rows = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "store-chunk");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<StoreChunk>> futures = new ArrayList<>();
      for (int c : missing) {
        futures.add(pool.submit(() -> {
          StoreChunk chunk = StoreChunk.simulate(problem, plan, c);
          store.write(chunk);
          long r = rows.addAndGet(chunk.rows());
          int d = done.incrementAndGet();
          double s = (System.nanoTime() - t0) / 1e9;
          progress.printf(Locale.ROOT, "chunk %d written (%d/%d this run, %d pairs, %.1f pairs/s%s)%n", chunk.index(),
              d, missing.size(), r, r / s, chunk.invalid().total() > 0 ? ", " + chunk.invalid().summary() : "");
          return chunk;
        }));
      }
      for (Future<StoreChunk> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          futures.forEach(g -> g.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    InvalidSimulations invalid = store.finish();
    return new Result(missing.size(), present, invalid, (System.nanoTime() - t0) / 1e9);
  }
}
