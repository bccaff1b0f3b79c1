package dev.inn.core.training;

import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss curves of a fixed-step schedule: each term's mean over every window of
 * {@code log_every} steps (and the last, shorter one), recorded at the window's last step and
 * reported as progress.
 */
public final class LossWindows {

  private final String task;
  private final int totalSteps;
  private final int logEvery;
  private final ProgressListener progress;
  private final List<Integer> steps = new ArrayList<>();
  private final Map<String, List<Double>> curves = new LinkedHashMap<>();
  private final Map<String, Double> window = new LinkedHashMap<>();
  private int inWindow;

  /**
   * @param task what is training, for the progress messages
   * @param totalSteps the schedule's steps
   * @param logEvery steps per window
   * @param progress where each window's means go
   */
  public LossWindows(String task, int totalSteps, int logEvery, ProgressListener progress) {
    this.task = task;
    this.totalSteps = totalSteps;
    this.logEvery = logEvery;
    this.progress = progress;
  }

  /** Adds the value a term had in the current step. */
  public void add(String term, double value) {
    window.merge(term, value, Double::sum);
  }

  /** Ends step {@code step} (from 0); at a window's end records the means and reports them. */
  public void stepDone(int step) {
    inWindow++;
    if ((step + 1) % logEvery != 0 && step != totalSteps - 1) {
      return;
    }
    steps.add(step + 1);
    StringBuilder msg = new StringBuilder();
    for (Map.Entry<String, Double> e : window.entrySet()) {
      double mean = e.getValue() / inWindow;
      curves.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(mean);
      msg.append(e.getKey()).append('=').append(String.format("%.4g", mean)).append(' ');
    }
    window.clear();
    inWindow = 0;
    progress.update(task, step + 1, totalSteps, msg.toString().trim());
  }

  /** The curves recorded so far. */
  public TrainingHistory history() {
    return new TrainingHistory(List.copyOf(steps), curves);
  }
}
