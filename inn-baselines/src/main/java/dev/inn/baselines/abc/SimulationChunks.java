package dev.inn.baselines.abc;

import dev.inn.api.data.Matrix;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs prior draws and simulations in fixed chunks on a thread pool. Chunk {@code i} always
 * draws {@code prior.sample(size, derive(seed, i))}, so what a chunk produces depends on the
 * seed and its index only, never on the thread count or scheduling.
 */
final class SimulationChunks implements AutoCloseable {

  /** Distances of one chunk's rows to y*; invalid simulations get +infinity. */
  record Chunk(long index, Matrix x, double[] distance, int invalid) {
  }

  private final Problem.Prior prior;
  private final Simulator simulator;
  private final float[] observation;
  private final long seed;
  private final ExecutorService pool;

  SimulationChunks(Problem.Prior prior, Simulator simulator, float[] observation, long seed, int threads) {
    this.prior = prior;
    this.simulator = simulator;
    this.observation = observation;
    this.seed = seed;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "abc-worker");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Runs chunks {@code first .. first + sizes.length - 1}, returned in index order. */
  List<Chunk> run(long first, int[] sizes) {
    List<Callable<Chunk>> tasks = new ArrayList<>();
    for (int j = 0; j < sizes.length; j++) {
      long index = first + j;
      int size = sizes[j];
      tasks.add(() -> simulate(index, size));
    }
    List<Chunk> out = new ArrayList<>();
    try {
      if (pool == null) {
        for (Callable<Chunk> t : tasks) {
          out.add(t.call());
        }
        return out;
      }
      for (Future<Chunk> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ABC interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("ABC simulation failed: " + cause, cause);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("ABC simulation failed: " + e, e);
    }
  }

  private Chunk simulate(long index, int size) {
    Matrix x = prior.sample(size, Seeds.derive(seed, index));
    // seeded by the chunk's draws, as the simulators did themselves before they took a seed
    Simulation sim = simulator.simulate(x, Seeds.ofBatch(x.data(), x.rows()));
    Matrix y = sim.y();
    boolean[] valid = sim.valid();
    int dim = observation.length;
    if (y.cols() != dim || y.rows() != size) {
      throw new IllegalStateException("simulator returned " + y.rows() + " x " + y.cols() + " outputs for " + size
          + " draws; the observation has " + dim + " values");
    }
    float[] yd = y.data();
    double[] dist = new double[size];
    int invalid = 0;
    for (int i = 0; i < size; i++) {
      if (!valid[i]) {
        dist[i] = Double.POSITIVE_INFINITY;
        invalid++;
        continue;
      }
      double s = 0;
      int at = i * dim;
      for (int k = 0; k < dim; k++) {
        double d = yd[at + k] - observation[k];
        s += d * d;
      }
      // a NaN output the simulator failed to flag is treated as invalid too
      dist[i] = Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
      if (Double.isNaN(s)) {
        invalid++;
      }
    }
    return new Chunk(index, x, dist, invalid);
  }


  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
