package dev.inn.baselines.dropout;

import dev.inn.baselines.method.NetworkMethodProvider;

/**
 * {@code point-nn}: the classical regression network y -> x trained by squared error (paper
 * Table 1, "NN"). It has no distribution: its "posterior samples" are n identical copies of
 * the point estimate, so sample-based metrics see a zero-width posterior.
 */
public final class PointNnProvider extends NetworkMethodProvider<DropoutConfig> {

  /** The point-estimate network: the dropout network without dropout or variance. */
  public PointNnProvider() {
    super("point-nn", "point-estimate NN y -> x (squared error); samples are n copies of the estimate",
        DropoutConfig.pointDefaults(), DropoutConfig::from, DropoutRegression::new);
  }
}
