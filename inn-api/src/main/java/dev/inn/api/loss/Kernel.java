package dev.inn.api.loss;

import dev.inn.api.tensor.ElementFunction;

/**
 * A radial kernel for MMD, written as a function of the squared distance
 * d = ||a - b||^2 (so k(a, b) = apply(d)), with its derivative in d.
 */
public interface Kernel extends ElementFunction {}
