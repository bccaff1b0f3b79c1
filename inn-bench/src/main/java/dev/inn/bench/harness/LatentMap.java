package dev.inn.bench.harness;

import dev.inn.api.data.Matrix;

/**
 * x = g(y*, z) on a square grid of 2-D latent points (paper Fig. 8).
 *
 * @param extent the grid spans [-extent, extent] on both axes
 * @param grid points per axis
 * @param x the generated parameters, row {@code iy * grid + ix}
 */
public record LatentMap(double extent, int grid, Matrix x) {}
