package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Ops;
import java.util.List;
import java.util.SplittableRandom;

/** The loss terms of one training step on a batch; the trainer sums {@code weight * value}. */
@FunctionalInterface
public interface Objective {

  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step);
}
