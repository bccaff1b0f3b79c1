package dev.inn.api.block;

import dev.inn.api.data.Matrix;

/**
 * A block that sets its own parameters from the first training batch it sees (ActNorm's
 * data-dependent initialisation). A network calls {@link #initialize} once, before the first
 * optimiser step, with the block's actual input on that batch; a loaded model is not
 * initialised again.
 */
public interface DataInitialized {

  /**
   * Chooses initial parameter values for this input batch (n x width) and stores them with
   * {@link dev.inn.api.tensor.Parameter#assign}.
   */
  void initialize(Matrix input);
}
