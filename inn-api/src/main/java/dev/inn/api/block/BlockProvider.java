package dev.inn.api.block;

import dev.inn.api.plugin.Plugin;
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
   * conditional INN x <-> z given y. The default suits blocks without subnets (permutations,
   * normalisations): the unconditional block, ignoring the condition. Blocks with subnets
   * override it and feed the condition to every subnet.
   *
   * @param conditionWidth columns of the condition passed to every call (at least 1)
   */
  default ConditionalBlock createConditional(BlockSpec spec, int conditionWidth, Parameters params) {
    return ConditionalBlock.ignoringCondition(create(spec, params));
  }
}
