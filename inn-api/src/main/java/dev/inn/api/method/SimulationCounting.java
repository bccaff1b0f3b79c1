package dev.inn.api.method;

import dev.inn.api.data.Matrix;

/**
 * A sampler that runs the problem's simulator while sampling (e.g. rejection ABC) and reports
 * what that cost, for the reference description of a report.
 */
public interface SimulationCounting {

  /**
   * Samples as {@link PosteriorMethod#sample} does and counts the simulations behind them.
   *
   * @param observation the observation y*
   * @param n samples wanted
   * @param seed the sampling seed
   * @return the samples and the counts
   */
  Counted sampleCounted(float[] observation, int n, long seed);

  /**
   * Samples with their cost.
   *
   * @param samples one row per sample
   * @param accepted simulations accepted
   * @param simulations simulations run
   * @param invalid simulations the simulator marked invalid
   */
  record Counted(Matrix samples, long accepted, long simulations, long invalid) {}
}
