package dev.inn.bench.harness;

import dev.inn.api.data.Matrix;

/**
 * Where posterior samples for y* sit in a 2-D latent space (paper Fig. 8): z = f(x) from the
 * INN's forward pass for samples x = g(y*, z) it generated.
 *
 * @param z the latent position of each sample (n x 2)
 * @param x the samples (n x dim x)
 */
public record LatentMap(Matrix z, Matrix x) {}
