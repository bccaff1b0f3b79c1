/**
 * Posterior methods: a {@link dev.inn.api.method.MethodProvider} makes a
 * {@link dev.inn.api.method.PosteriorMethod} for a problem, trained on simulated pairs and
 * sampled for an observation; optional capabilities (a density, a latent code, counted
 * simulations) are further interfaces a method may implement.
 */
package dev.inn.api.method;
