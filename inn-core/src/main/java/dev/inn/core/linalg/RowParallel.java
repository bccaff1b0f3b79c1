package dev.inn.core.linalg;

import dev.inn.core.profile.StepProfile;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits row ranges of one operation over a fixed set of threads (the caller plus
 * {@code threads - 1} daemon workers). Hand-off spins briefly before parking because the
 * operations are short (tens of microseconds) and an executor's wake-up would dominate.
 * Chunk borders are multiples of 4 rows so that kernels blocking 4 rows see the same
 * blocks whatever the thread count (results are independent of it).
 */
public final class RowParallel implements AutoCloseable {

  /** Work on rows [from, to). */
  @FunctionalInterface
  public interface RangeTask {
    void run(int from, int to);
  }

  private static final int SPIN = 20_000;
  // below this many multiply-adds (about 8 us on one core) an operation runs on the caller:
  // a hand-off costs microseconds, and far more when the other core is busy
  private static final long MIN_WORK = 250_000;

  private final int threads;
  private final Thread[] workers;
  private volatile RangeTask task;
  private volatile int rows;
  private volatile long generation;
  private volatile boolean closed;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger nextChunk = new AtomicInteger();
  private volatile Throwable failure;
  private final Thread[] parked;

  public RowParallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new Thread[threads - 1];
    nextChunk.set(threads);
    for (int w = 0; w < workers.length; w++) {
      int index = w + 1;
      workers[w] = new Thread(this::workLoop, "inn-row-worker-" + index);
      workers[w].setDaemon(true);
      parked[w] = workers[w];
      workers[w].start();
    }
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task} over rows [0, n), split across the threads when {@code work} (a rough
   * count of multiply-adds) makes it worth the hand-off.
   */
  public void run(int n, long work, RangeTask task) {
    if (threads == 1 || work < MIN_WORK || n < 8) {
      task.run(0, n);
      return;
    }
    dispatch(n, task);
  }

  /** An independent task by its index. */
  @FunctionalInterface
  public interface IndexedTask {
    void run(int index);
  }

  /**
   * Runs tasks 0 .. count-1, each on whichever thread claims it first (for coarse tasks such
   * as a shard of a batch; a task must not depend on the thread that runs it).
   */
  public void each(int count, IndexedTask body) {
    if (threads == 1 || count < 2) {
      for (int i = 0; i < count; i++) {
        body.run(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    // one chunk of 4 rows per thread; each chunk claims tasks until none is left
    dispatch(4 * threads, (from, to) -> {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        body.run(i);
      }
      StepProfile.leave();
    });
  }

  private void dispatch(int n, RangeTask task) {
    this.task = task;
    this.rows = n;
    this.failure = null;
    pending.set(threads);
    nextChunk.set(0);
    generation++;
    for (Thread t : parked) {
      LockSupport.unpark(t);
    }
    // the caller takes chunks too, so a worker the OS has not scheduled yet cannot stall the operation
    runChunks();
    long waitStart = StepProfile.start();
    int spins = 0;
    while (pending.get() > 0) {
      if (++spins > SPIN) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
    StepProfile.moved(StepProfile.Part.HAND_OFF, waitStart);
    this.task = null;
    Throwable f = failure;
    if (f != null) {
      throw f instanceof RuntimeException re ? re : new IllegalStateException(f);
    }
  }

  private int[] range(int index, int n) {
    int blocks = (n + 3) / 4;
    int from = Math.min(n, 4 * (int) ((long) blocks * index / threads));
    int to = Math.min(n, 4 * (int) ((long) blocks * (index + 1) / threads));
    return new int[] {from, to};
  }

  private void workLoop() {
    long seen = 0;
    while (!closed) {
      int spins = 0;
      while (generation == seen && !closed) {
        if (++spins > SPIN) {
          LockSupport.parkNanos(this, 1_000_000L);
        } else {
          Thread.onSpinWait();
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      runChunks();
    }
  }

  /** Claims chunks until none is left; each finished chunk counts down {@code pending}. */
  private void runChunks() {
    for (int c = nextChunk.getAndIncrement(); c < threads; c = nextChunk.getAndIncrement()) {
      try {
        // read after the claim: the claim happens-after the operation's task and rows were set
        int[] r = range(c, rows);
        if (r[0] < r[1]) {
          task.run(r[0], r[1]);
        }
      } catch (Throwable e) {
        failure = e;
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }
}
