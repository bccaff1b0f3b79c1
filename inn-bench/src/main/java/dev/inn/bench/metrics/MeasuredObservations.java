package dev.inn.bench.metrics;

import dev.inn.api.metric.Measurement;

/** A measurement of a fixed number of test observations; subclasses aggregate selections of them. */
abstract class MeasuredObservations implements Measurement {

  private final int count;

  /** @param count the test observations measured */
  MeasuredObservations(int count) {
    this.count = count;
  }

  @Override
  public final int observationCount() {
    return count;
  }
}
