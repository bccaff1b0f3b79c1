package dev.inn.bench.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars with ETA on the terminal, one task at a time (training, simulation, sampling,
 * evaluation). Use {@link #forConsole()}: without a console (pipes, CI) progress goes to
 * standard error as log lines instead ({@link LogProgress}).
 */
final class ConsoleProgress implements ShownProgress {

  private ProgressBar bar;
  private String task;

  /** Progress bars on a terminal, log lines at most every 30 s otherwise. */
  static ShownProgress forConsole() {
    return System.console() == null ? new LogProgress(System.err, 30) : new ConsoleProgress();
  }

  @Override
  public synchronized void update(String task, long done, long total, String message) {
    if (bar == null || !task.equals(this.task)) {
      close();
      this.task = task;
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total))
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(300).build();
    }
    bar.maxHint(Math.max(1, total));
    bar.stepTo(done);
    if (message != null && !message.isEmpty()) {
      bar.setExtraMessage(message);
    }
    if (done >= total) {
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
      task = null;
    }
  }
}
