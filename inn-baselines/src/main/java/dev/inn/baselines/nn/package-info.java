/**
 * Network parts the baselines share on top of inn-core's {@code DenseNet}: a dense net with
 * (Monte Carlo) dropout, element functions Ops lacks (softplus, sigmoid, log-sigmoid, log),
 * and per-column standardisation stored as fixed parameters.
 */
package dev.inn.baselines.nn;
