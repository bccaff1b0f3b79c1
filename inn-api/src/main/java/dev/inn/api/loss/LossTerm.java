package dev.inn.api.loss;

import dev.inn.api.tensor.Tensor;

/**
 * A named, weighted part of a training objective, e.g. {@code ("L_z", 50, mmd)}. Trainers
 * sum {@code weight * value} over their terms, record each term's history, and stop with an
 * error naming the term when one is not finite.
 *
 * @param value a 1 x 1 tensor
 */
public record LossTerm(String name, double weight, Tensor value) {}
