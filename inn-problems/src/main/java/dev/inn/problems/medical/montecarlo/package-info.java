/**
 * A standalone multi-layer Monte Carlo light-transport library in the manner of MCML:
 * describe a {@link dev.inn.problems.medical.montecarlo.Tissue} of
 * {@link dev.inn.problems.medical.montecarlo.Layer}s, run a
 * {@link dev.inn.problems.medical.montecarlo.MonteCarloSimulator} with a photon count and a
 * seed, read total diffuse reflectance and transmittance with their standard errors from the
 * {@link dev.inn.problems.medical.montecarlo.TransportResult}.
 */
package dev.inn.problems.medical.montecarlo;
