package dev.inn.api.block;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.tensor.Parameters;

/**
 * Makes invertible blocks of one kind, e.g. {@code affine-coupling}. Create its parameters
 * through {@code params} so they are trained, saved and loaded with the model.
 */
public interface BlockProvider extends Plugin {

  /** An unconditional block, for the paper's INN x -> [z, y]. */
  InvertibleBlock create(BlockSpec spec, Parameters params);

  /**
   * A block that also sees a condition of {@code conditionWidth} columns, for the
   * conditional INN x <-> z given y. A block with subnets feeds the condition to every subnet;
   * a block without subnets (a permutation, a normalisation) returns
   * {@code ConditionalBlock.ignoringCondition(create(spec, params))}. The default refuses: a
   * conditional network built from blocks that silently drop the condition would never see y.
   *
   * @param spec the block's sizes and settings
   * @param conditionWidth columns of the condition passed to every call (at least 1)
   * @param params where the block creates its parameters
   * @return the conditional block
   * @throws ConfigurationException unless the provider implements its conditional version
   */
  default ConditionalBlock createConditional(BlockSpec spec, int conditionWidth, Parameters params) {
    throw new ConfigurationException("block", "block '" + name() + "' has no conditional version (its provider"
        + " does not implement createConditional), so a conditional INN built on it would never see the"
        + " observation; use a block that feeds the condition to its subnets, e.g. affine-coupling");
  }
}
