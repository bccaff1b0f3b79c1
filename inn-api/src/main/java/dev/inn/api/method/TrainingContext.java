package dev.inn.api.method;

/**
 * How to run one training: the seed that makes it reproducible and where progress goes.
 */
public record TrainingContext(long seed, ProgressListener progress) {

  /** A context with the given seed that reports no progress. */
  public static TrainingContext quiet(long seed) {
    return new TrainingContext(seed, ProgressListener.NONE);
  }
}
