/**
 * What the gradient-trained baselines share: dimension checks, standardisation, the
 * batched and reproducible sampling loop, thread pool, and save/load through
 * {@code ParameterStore}.
 */
package dev.inn.baselines.method;
