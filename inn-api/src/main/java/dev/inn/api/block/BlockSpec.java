package dev.inn.api.block;

import dev.inn.api.nn.SubnetFactory;
import dev.inn.api.settings.Settings;

/**
 * The configuration of one block: the width of the vectors it maps and the shared subnet
 * settings. Block-specific extras come in {@code settings} (declared by the provider's
 * defaults).
 *
 * @param width nominal width of the vectors the block maps (1 only for a conditional block, which
 *     then maps its one dimension as a function of the condition)
 * @param hidden hidden units per subnet layer
 * @param layers number of linear layers per subnet (at least 1)
 * @param clamp soft-clamp bound alpha of the log-scale
 * @param activation {@code "relu"}, {@code "leaky-relu"} or {@code "tanh"}
 * @param initStd standard deviation of the initial subnet weights (the last layer starts at zero)
 * @param settings block-specific settings
 * @param subnets makes the block's subnets; by default dense nets of {@code hidden},
 *     {@code layers}, {@code activation} and {@code initStd}
 */
public record BlockSpec(int width, int hidden, int layers, float clamp, String activation,
    float initStd, Settings settings, SubnetFactory subnets) {

  /** Checks the sizes. */
  public BlockSpec {
    if (subnets == null) {
      throw new IllegalArgumentException("a block spec needs a subnet factory");
    }
    if (width < 1) {
      throw new IllegalArgumentException("block width must be at least 1, got " + width);
    }
    if (hidden < 1 || layers < 1) {
      throw new IllegalArgumentException("subnet needs hidden >= 1 and layers >= 1, got " + hidden + ", " + layers);
    }
  }

  /** A spec whose subnets are dense nets ({@link SubnetFactory#dense}) of the given sizes. */
  public BlockSpec(int width, int hidden, int layers, float clamp, String activation, float initStd,
      Settings settings) {
    this(width, hidden, layers, clamp, activation, initStd, settings,
        SubnetFactory.dense(hidden, layers, activation, initStd));
  }
}
