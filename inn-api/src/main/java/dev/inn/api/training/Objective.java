package dev.inn.api.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Ops;
import java.util.List;
import java.util.SplittableRandom;

/** The loss terms of one training step on a batch; the trainer sums {@code weight * value}. */
@FunctionalInterface
public interface Objective {

  /**
   * The weighted terms of one batch.
   *
   * @param ops the differentiable operations of this step (recording gradients while training)
   * @param batch the rows of this step
   * @param random the training's seeded generator, for noise and sub-sampling
   * @param step the step number (0 for the validation passes of early stopping)
   * @return the terms; each value a 1 x 1 tensor
   */
  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step);
}
