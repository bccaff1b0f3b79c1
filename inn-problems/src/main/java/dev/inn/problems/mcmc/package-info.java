/**
 * Reference posteriors by Markov chain Monte Carlo on an exact likelihood: an adaptive
 * random-walk Metropolis sampler with several chains, thinning and a split R-hat check, for
 * problems whose posterior has no closed form but whose likelihood can be evaluated.
 */
package dev.inn.problems.mcmc;
