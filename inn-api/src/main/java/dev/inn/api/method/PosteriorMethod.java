package dev.inn.api.method;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A way to sample p(x | y*): the INN, each baseline, ABC. Trained on simulated pairs, then
 * sampled for an observation. Sampling is reproducible for a seed.
 */
public interface PosteriorMethod {

  /** Learns from (x, y) pairs; returns the per-term loss history (empty for ABC). */
  TrainingHistory train(Dataset data, TrainingContext context);

  /**
   * {@code n} posterior draws x ~ q(x | observation), one per row. For a problem whose
   * observations are sets or sequences the observation is given as its elements one after the
   * other (element-major, no padding): its length divided by the element width is its size.
   */
  Matrix sample(float[] observation, int n, long seed);

  /**
   * Why {@code observation} lies outside what the method learned from (e.g. a value many
   * standard deviations from the training observations), one sentence each; empty when it
   * looks in range or the method cannot tell. Samples for such an observation are an
   * extrapolation and should not be trusted.
   */
  default java.util.List<String> outOfRange(float[] observation) {
    return java.util.List.of();
  }

  /** Writes the learned state (weights, fixed permutations, normalisations). */
  void save(DataOutput out) throws IOException;

  /**
   * Restores state written by {@link #save} into this instance, which was created by the same
   * provider with the same problem and settings.
   */
  void load(DataInput in) throws IOException;
}
