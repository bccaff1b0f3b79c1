package dev.inn.baselines.dropout;

import dev.inn.baselines.method.NetworkMethodProvider;

/**
 * {@code dropout-nn}: regression y -> x with Monte Carlo dropout ({@code dropout}) and learned
 * aleatoric variance ({@code aleatoric}); {@code dropout = 0, aleatoric = false} is the same as
 * {@code point-nn}.
 */
public final class DropoutNnProvider extends NetworkMethodProvider<DropoutConfig> {

  /** The dropout network with its defaults. */
  public DropoutNnProvider() {
    super("dropout-nn", "NN y -> x with dropout sampling and learned aleatoric variance (Kendall and Gal 2017)",
        DropoutConfig.defaults(), DropoutConfig::from, DropoutRegression::new);
  }
}
