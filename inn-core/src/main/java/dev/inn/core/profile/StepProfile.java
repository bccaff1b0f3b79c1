package dev.inn.core.profile;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a training step's time goes, for {@code inn speed --profile}: the graph's operations
 * by kind (forward and backward apart), the trainer's own parts, thread hand-off and the
 * allocations the array pool could not serve. Off by default; when off every hook is one
 * branch on a static field, so the hot loop pays nothing measurable. Times of operations are
 * summed over the threads that ran them; the trainer's parts are wall time of the training
 * thread.
 */
public final class StepProfile {

  /** What a span of time was spent on. */
  public enum Part {
    MATRIX_PRODUCTS("matrix products (linear, matmul)"),
    ELEMENT_WISE("element-wise ops (add, mul, activations, bias)"),
    COPIES("copies (columns, concat, permute, transpose, constants)"),
    REDUCTIONS("reductions (sum, mean, row sums)"),
    MMD("MMD (pairwise distances, kernels and their sums)"),
    ROW_FUNCTIONS("row functions of blocks (the spline)"),
    RAGGED("ragged-batch ops (pooling, convolution, GRU, attention)"),
    OBJECTIVE_REST("objective outside ops (noise, batch, bookkeeping)"),
    BACKWARD_REST("backward outside ops (tape walk)"),
    GRADIENT_SUM("summing shard gradients"),
    OPTIMIZER("optimizer (gradient norm, Adam)"),
    HAND_OFF("thread hand-off inside ops (row splits)"),
    SHARD_WAIT("waiting for the other thread's shards");

    final String label;

    Part(String label) {
      this.label = label;
    }
  }

  private static volatile boolean enabled;
  private static final int PARTS = Part.values().length;
  // [phase * PARTS + part], phase 0 forward, 1 backward / trainer
  private static final AtomicLongArray NANOS = new AtomicLongArray(2 * PARTS);
  private static final AtomicLongArray COUNTS = new AtomicLongArray(2 * PARTS);
  private static final AtomicLongArray ALLOCATED = new AtomicLongArray(2);
  private static volatile long steps;
  private static volatile long stepNanos;
  private static long gcAtReset;
  private static long cpuAtReset;
  private static long cpuAtStop;
  private static long threadCpuAtReset;
  private static long threadCpuAtStop;
  private static long wallAtReset;

  private StepProfile() {}

  /** Turns recording on or off (the benchmark turns it on before training starts). */
  public static void enable(boolean on) {
    if (enabled && !on) {
      cpuAtStop = processCpu();
      threadCpuAtStop = threadCpu();
    }
    enabled = on;
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static boolean enabled() {
    return enabled;
  }

  /** A start time when profiling, else 0. */
  public static long start() {
    return enabled ? System.nanoTime() : 0L;
  }

  /** Adds the time since {@code start} to {@code part}; {@code backward} picks the column. */
  public static void add(Part part, boolean backward, long start) {
    if (enabled && start != 0L) {
      int i = (backward ? PARTS : 0) + part.ordinal();
      NANOS.addAndGet(i, System.nanoTime() - start);
      COUNTS.incrementAndGet(i);
    }
  }

  /** Adds a measured span directly. */
  public static void addNanos(Part part, boolean backward, long nanos) {
    if (enabled) {
      int i = (backward ? PARTS : 0) + part.ordinal();
      NANOS.addAndGet(i, nanos);
      COUNTS.incrementAndGet(i);
    }
  }

  // the op a thread is running, so nested spans (a transpose, a hand-off) can be moved out of it
  private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[] {-1, 0});

  /** The calling thread now runs an op of {@code part}. */
  public static void enter(Part part, boolean backward) {
    if (enabled) {
      int[] c = CURRENT.get();
      c[0] = part.ordinal();
      c[1] = backward ? 1 : 0;
    }
  }

  /** The calling thread runs no op now (time it waits is not taken off one). */
  public static void leave() {
    if (enabled) {
      CURRENT.get()[0] = -1;
    }
  }

  /**
   * The time since {@code start} was spent on {@code part} inside the op the thread entered:
   * booked to {@code part} and taken off that op.
   */
  public static void moved(Part part, long start) {
    if (enabled && start != 0L) {
      long dt = System.nanoTime() - start;
      int[] c = CURRENT.get();
      int phase = c[1] * PARTS;
      if (part == Part.HAND_OFF && c[0] < 0) {
        // waited outside any op: at the end of a batch's shards
        part = Part.SHARD_WAIT;
      }
      NANOS.addAndGet(phase + part.ordinal(), dt);
      if (c[0] >= 0) {
        NANOS.addAndGet(phase + c[0], -dt);
      }
    }
  }

  /** An array the pool had to allocate (a miss); in steady state there should be none. */
  public static void allocated(int floats) {
    if (enabled) {
      ALLOCATED.incrementAndGet(0);
      ALLOCATED.addAndGet(1, 4L * floats);
    }
  }

  /** One training step finished, taking {@code nanos} of wall time. */
  public static void stepDone(long nanos) {
    if (enabled) {
      steps++;
      stepNanos += nanos;
    }
  }

  /** Clears everything recorded so far (after a warm-up). */
  public static synchronized void reset() {
    for (int i = 0; i < NANOS.length(); i++) {
      NANOS.set(i, 0);
      COUNTS.set(i, 0);
    }
    ALLOCATED.set(0, 0);
    ALLOCATED.set(1, 0);
    steps = 0;
    stepNanos = 0;
    gcAtReset = gcMillis();
    cpuAtReset = processCpu();
    threadCpuAtReset = threadCpu();
    wallAtReset = System.nanoTime();
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, b.getCollectionTime());
    }
    return total;
  }

  /** The table of what was recorded since the last reset, per training step. */
  public static synchronized String table(String title) {
    long n = Math.max(1, steps);
    double stepMs = stepNanos / 1e6 / n;
    List<String> lines = new ArrayList<>();
    lines.add(title);
    lines.add(String.format(Locale.ROOT, "%d steps, %.3f ms per step (wall, training thread)", steps, stepMs));
    if (cpuAtStop > cpuAtReset && threadCpuAtStop > threadCpuAtReset) {
      // CPU time is what a busy machine does not inflate: compare these when others run too
      lines.add(String.format(Locale.ROOT, "CPU per step: training thread %.3f ms, whole process %.3f ms"
          + " (JIT and GC threads included)", (threadCpuAtStop - threadCpuAtReset) / 1e6 / n,
          (cpuAtStop - cpuAtReset) / 1e6 / n));
    }
    lines.add(String.format(Locale.ROOT, "| %-56s | %9s | %9s | %9s | %6s |", "part (ms per step)", "forward",
        "backward", "total", "% step"));
    lines.add("|" + "-".repeat(58) + "|" + "-".repeat(11) + "|" + "-".repeat(11) + "|" + "-".repeat(11) + "|"
        + "-".repeat(8) + "|");
    double sum = 0;
    // the objective's and the tape's spans hold the ops inside them; keep only what is outside
    long[] own = new long[2 * PARTS];
    for (int i = 0; i < own.length; i++) {
      own[i] = NANOS.get(i);
    }
    for (int phase = 0; phase < 2; phase++) {
      int rest = phase * PARTS + (phase == 0 ? Part.OBJECTIVE_REST : Part.BACKWARD_REST).ordinal();
      for (Part p : Part.values()) {
        if (p.ordinal() <= Part.RAGGED.ordinal() || p == Part.HAND_OFF) {
          own[rest] -= NANOS.get(phase * PARTS + p.ordinal());
        }
      }
    }
    for (Part p : Part.values()) {
      double f = own[p.ordinal()] / 1e6 / n;
      double b = own[PARTS + p.ordinal()] / 1e6 / n;
      if (f + b == 0) {
        continue;
      }
      sum += f + b;
      lines.add(String.format(Locale.ROOT, "| %-56s | %9.3f | %9.3f | %9.3f | %6.1f |", p.label, f, b, f + b,
          100 * (f + b) / stepMs));
    }
    lines.add(String.format(Locale.ROOT, "| %-56s | %9s | %9s | %9.3f | %6.1f |", "sum (operation times are summed"
        + " over threads)", "", "", sum, 100 * sum / stepMs));
    long gc = gcMillis() - gcAtReset;
    double wallS = (System.nanoTime() - wallAtReset) / 1e9;
    lines.add(String.format(Locale.ROOT, "pool misses (new arrays) per step: %.2f (%.1f KiB); GC %.3f ms per step"
            + " (%d ms in %.1f s)", ALLOCATED.get(0) / (double) n, ALLOCATED.get(1) / 1024.0 / n, gc / (double) n,
        gc, wallS));
    return String.join(System.lineSeparator(), lines);
  }
}
