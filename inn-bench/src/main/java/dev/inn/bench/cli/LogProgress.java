package dev.inn.bench.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress for logs (pipes, process managers, CI): one line when a stage starts, then at most
 * one every {@code interval} seconds with the fraction done and an ETA, and one when it ends.
 * A long run is never silent, and a log is never flooded.
 */
final class LogProgress implements ShownProgress {

  private final PrintStream out;
  private final long intervalNanos;
  private String task;
  private long started;
  private long lastLine;

  LogProgress(PrintStream out, double intervalSeconds) {
    this.out = out;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
  }

  @Override
  public synchronized void update(String task, long done, long total, String message) {
    long now = System.nanoTime();
    String extra = message == null || message.isEmpty() ? "" : " - " + message;
    if (!task.equals(this.task)) {
      this.task = task;
      started = now;
      lastLine = now;
      out.println("[inn] " + task + ": started" + (done >= total ? " and done" : "") + extra);
      return;
    }
    if (done >= total) {
      out.printf(Locale.ROOT, "[inn] %s: done in %.0f s%s%n", task, (now - started) / 1e9, extra);
      this.task = null;
    } else if (now - lastLine >= intervalNanos) {
      lastLine = now;
      double elapsed = (now - started) / 1e9;
      double fraction = total > 0 ? (double) done / total : 0;
      // for early stopping the total is the epoch at which training ends unless it improves again
      String eta = fraction > 0 ? String.format(Locale.ROOT, ", about %.0f s left at this pace",
          elapsed * (1 - fraction) / fraction) : "";
      out.printf(Locale.ROOT, "[inn] %s: %d/%d after %.0f s%s%s%n", task, done, total, elapsed, eta, extra);
    }
  }

  /** Nothing to end: each stage's last line is written when it finishes. */
  @Override
  public void close() {
  }
}
