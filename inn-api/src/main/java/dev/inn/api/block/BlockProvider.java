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
   * conditional INN x <-> z given y: a block with subnets feeds the condition to every subnet.
   * A block without subnets (a permutation, a normalisation) has no conditional version and
   * keeps this default, which refuses; a network puts such a block into its {@link BlockChain}
   * unconditioned. A conditional version is real or absent, never one that drops the
   * condition: a conditional network built from such blocks would never see y.
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

  /**
   * Whether this block has a conditional version: true when the provider implements
   * {@link #createConditional}, which is what a network that needs one checks when its settings
   * are read. A provider that delegates to another overrides this to say what the other says.
   *
   * @return whether {@link #createConditional} makes a block rather than refusing
   */
  default boolean conditional() {
    try {
      return getClass().getMethod("createConditional", BlockSpec.class, int.class, Parameters.class)
          .getDeclaringClass() != BlockProvider.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("BlockProvider.createConditional is missing", e);
    }
  }
}
