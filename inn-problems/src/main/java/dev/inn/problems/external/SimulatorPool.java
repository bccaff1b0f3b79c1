package dev.inn.problems.external;

import dev.inn.api.data.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long-lived simulator processes, one per worker, each serving one batch at a time. A process
 * that crashes, breaks the protocol or overruns the batch timeout is killed, its batch is
 * reported as failed with the tail of its standard error, and a fresh process takes its place
 * on the next batch. Processes end when their standard input closes ({@link #close}).
 */
final class SimulatorPool implements AutoCloseable {

  /** What became of one batch. */
  record Outcome(Matrix y, int[] lengths, Failure failure, String detail, String stderrTail) {
    Outcome(Matrix y, Failure failure, String detail, String stderrTail) {
      this(y, new int[0], failure, detail, stderrTail);
    }

    boolean ok() {
      return failure == null;
    }
  }

  /** Why a whole batch failed. */
  enum Failure {
    TIMEOUT, CRASH,
    /** A reply that was not exactly what was asked: {@link #run} stops the run with it. */
    PROTOCOL
  }

  private static final int TAIL_LINES = 20;
  /**
   * {@code setsid} and {@code kill} where the system has them: each simulator then runs as the
   * leader of its own process group, and a kill reaches everything it started in one signal,
   * including a child forked while the kill is under way.
   */
  private static final String SETSID = executable("/usr/bin/setsid", "/bin/setsid");
  private static final String KILL = executable("/usr/bin/kill", "/bin/kill");
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final List<String> command;
  private final File directory;
  private final Framing framing;
  private final int outputs;
  // sets or sequences: the most elements a row may have; 0 for observation vectors
  private int maxLength;
  private final long timeoutMillis;
  private final BlockingQueue<Slot> slots;
  private final List<Slot> allSlots = new ArrayList<>();
  private final ExecutorService executor;
  private final ScheduledExecutorService watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  /** Replies hold sets or sequences of at most {@code maxLength} elements of {@code outputs} values each. */
  SimulatorPool ragged(int maxLength) {
    this.maxLength = maxLength;
    return this;
  }

  SimulatorPool(List<String> command, File directory, Framing framing, int outputs, int workers, double timeoutSeconds) {
    this.command = List.copyOf(command);
    this.directory = directory;
    this.framing = framing;
    this.outputs = outputs;
    this.timeoutMillis = Math.max(1, Math.round(timeoutSeconds * 1000));
    this.slots = new ArrayBlockingQueue<>(workers);
    for (int i = 0; i < workers; i++) {
      Slot s = new Slot(i);
      allSlots.add(s);
      slots.add(s);
    }
    int id = POOL_IDS.incrementAndGet();
    this.executor = Executors.newFixedThreadPool(workers, r -> daemon(r, "simulator-" + id + "-batch"));
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "simulator-" + id + "-watchdog"));
    // processes must not outlive the JVM, even when nobody closes the pool
    this.shutdownHook = new Thread(this::killAll, "simulator-" + id + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Runs the batches on the workers in parallel; outcome i belongs to batch i. */
  List<Outcome> run(List<Matrix> xs, List<Long> seeds) {
    if (closed.get()) {
      throw new IllegalStateException("simulator pool is closed");
    }
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      Matrix x = xs.get(i);
      long seed = seeds.get(i);
      Callable<Outcome> task = () -> runOne(x, seed);
      futures.add(executor.submit(task));
    }
    List<Outcome> out = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      try {
        Outcome o = f.get();
        if (o.failure() == Failure.PROTOCOL) {
          futures.forEach(g -> g.cancel(true));
          String err = o.stderrTail().lines().reduce((a, b) -> b).orElse("");
          throw new IllegalStateException(o.detail() + (err.isBlank() ? "" : "; its standard error ended with \""
              + err.strip() + "\""));
        }
        out.add(o);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(g -> g.cancel(true));
        throw new IllegalStateException("interrupted while simulating", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("simulator batch failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private Outcome runOne(Matrix x, long seed) throws InterruptedException {
    Slot slot = slots.take();
    try {
      return slot.run(x, seed);
    } finally {
      slots.add(slot);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      executor.shutdownNow();
      watchdog.shutdownNow();
      killAll();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  private void killAll() {
    for (Slot s : allSlots) {
      s.stop();
    }
  }

  /** One worker: its current process, started on demand. */
  private final class Slot {
    private final int index;
    private Process process;
    private OutputStream stdin;
    private InputStream stdout;
    private StderrTail tail;
    /** Rows of the last reply the current process gave, 0 before its first. */
    private int served;

    Slot(int index) {
      this.index = index;
    }

    Outcome run(Matrix x, long seed) {
      String name = "simulator worker " + index + " (" + String.join(" ", command) + ")";
      try {
        ensureStarted();
      } catch (IOException e) {
        return new Outcome(null, Failure.CRASH, "cannot start " + name + ": " + e.getMessage(), "");
      }
      Process p = process;
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> alarm = watchdog.schedule(() -> {
        timedOut.set(true);
        kill(p);
      }, timeoutMillis, TimeUnit.MILLISECONDS);
      try {
        if (served > 0) {
          // output that arrived after the previous reply was accepted
          Framing.checkNothingMore(stdout, served, name);
        }
        framing.writeRequest(stdin, seed, x);
        Matrix y;
        int[] lengths = new int[0];
        if (maxLength > 0) {
          Framing.RaggedReply reply = framing.readRaggedReply(stdout, x.rows(), outputs, maxLength, name);
          y = reply.padded();
          lengths = reply.lengths();
        } else {
          y = framing.readReply(stdout, x.rows(), outputs, name);
        }
        Framing.checkNothingMore(stdout, x.rows(), name);
        served = x.rows();
        alarm.cancel(false);
        if (!timedOut.get()) {
          return new Outcome(y, lengths, null, "", "");
        }
        return failed(Failure.TIMEOUT, "batch of " + x.rows() + " rows took longer than " + timeoutMillis / 1000.0
            + " s");
      } catch (IOException | RuntimeException e) {
        alarm.cancel(false);
        if (timedOut.get()) {
          return failed(Failure.TIMEOUT, "batch of " + x.rows() + " rows took longer than " + timeoutMillis / 1000.0
              + " s; the process was killed");
        }
        if (e instanceof Framing.ProtocolException) {
          String m = e.getMessage().startsWith(name) ? e.getMessage().substring(name.length()).replaceFirst("^:? ", "")
              : e.getMessage();
          return failed(Failure.PROTOCOL, name + " broke the protocol: " + m);
        }
        String exit = "";
        try {
          if (p.waitFor(2, TimeUnit.SECONDS)) {
            exit = " (exit code " + p.exitValue() + ")";
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        return failed(Failure.CRASH, name + " failed" + exit + ": " + e.getMessage());
      }
    }

    private Outcome failed(Failure f, String detail) {
      StderrTail t = tail;
      stop();
      return new Outcome(null, f, detail, t == null ? "" : t.text());
    }

    private void ensureStarted() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      stop();
      List<String> launch = new ArrayList<>();
      if (SETSID != null) {
        launch.add(SETSID);
      }
      launch.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(launch);
      if (directory != null) {
        pb.directory(directory);
      }
      pb.environment().put("INN_WORKER", Integer.toString(index));
      pb.environment().put("INN_FRAMING", framing.name().toLowerCase(java.util.Locale.ROOT));
      if (closed.get()) {
        throw new IOException("the simulator pool is closed");
      }
      process = pb.start();
      // closed while it started: close() may have stopped this slot before the process existed,
      // and a simulator started now would outlive the run
      if (closed.get()) {
        Process late = process;
        process = null;
        kill(late);
        throw new IOException("the simulator pool is closed");
      }
      served = 0;
      stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
      stdout = new BufferedInputStream(process.getInputStream(), 1 << 16);
      tail = new StderrTail(process.getErrorStream(), "simulator-worker-" + index + "-stderr");
    }

    synchronized void stop() {
      Process p = process;
      if (p == null) {
        return;
      }
      process = null;
      try {
        stdin.close();
      } catch (IOException e) {
        // the process is going away anyway
      }
      try {
        if (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
          kill(p);
          p.waitFor(2, TimeUnit.SECONDS);
        } else {
          // the simulator ended; what it left running in its group must not outlive it
          killGroup(p);
        }
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
      }
      if (tail != null) {
        tail.awaitEnd();
      }
    }
  }

  /**
   * Kills a process and everything it started: a shell wrapper's child (e.g. a sleeping
   * simulator) would otherwise keep the pipes open and the reply read blocked.
   */
  private static void kill(Process p) {
    killGroup(p);
    // whatever left the group (or everything, where there are no groups): children first, then
    // the process, then children it forked meanwhile
    List<ProcessHandle> children = p.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Sends SIGKILL to the process group the process leads (started through {@code setsid}). */
  private static void killGroup(Process p) {
    if (SETSID == null || KILL == null) {
      return;
    }
    try {
      Process k = new ProcessBuilder(KILL, "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!k.waitFor(5, TimeUnit.SECONDS)) {
        k.destroyForcibly();
      }
    } catch (IOException e) {
      // no kill program after all: the per-process kill in kill(Process) remains
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String executable(String... candidates) {
    for (String c : candidates) {
      if (new File(c).canExecute()) {
        return c;
      }
    }
    return null;
  }

  /** Drains a process's standard error, keeping its last lines for error reports. */
  private static final class StderrTail {
    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    StderrTail(InputStream err, String name) {
      reader = daemon(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (lines) {
              lines.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
              if (lines.size() > TAIL_LINES) {
                lines.removeFirst();
              }
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      }, name);
      reader.start();
    }

    void awaitEnd() {
      try {
        reader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String text() {
      awaitEnd();
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }
}
