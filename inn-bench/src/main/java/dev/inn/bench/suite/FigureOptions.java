package dev.inn.bench.suite;

/**
 * What the report draws.
 *
 * @param enabled whether to draw figures at all
 * @param samples posterior samples per panel
 * @param poses arm poses drawn per panel of the kinematics figure
 * @param latentGrid points per axis of the latent-space map
 */
public record FigureOptions(boolean enabled, int samples, int poses, int latentGrid) {}
