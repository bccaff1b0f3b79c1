/**
 * sbibm's ODE tasks (sir, lotka-volterra) observed as their whole noisy curves instead of the
 * benchmark's subsampled summaries, with MCMC reference posteriors on the exact likelihood.
 */
package dev.inn.problems.rawcurves;
