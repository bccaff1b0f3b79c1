package dev.inn.api.method;

/** Receives progress of long work (training steps, simulations) for progress bars. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (task, done, total, message) -> { };

  /**
   * @param task what is running, e.g. {@code "train inn"}
   * @param done units finished
   * @param total units in all
   * @param message a short status, e.g. the current loss
   */
  void update(String task, long done, long total, String message);
}
