/**
 * Differentiable operations on batches ({@link dev.inn.api.tensor.Ops}) and the named weights of
 * a model ({@link dev.inn.api.tensor.Parameters}): what blocks, networks and losses are written with.
 */
package dev.inn.api.tensor;
