package dev.inn.api.block;

import dev.inn.api.plugin.Plugin;
import dev.inn.api.tensor.Parameters;

/**
 * Makes invertible blocks of one kind, e.g. {@code affine-coupling}. Create its parameters
 * through {@code params} so they are trained, saved and loaded with the model.
 */
public interface BlockProvider extends Plugin {

  InvertibleBlock create(BlockSpec spec, Parameters params);
}
