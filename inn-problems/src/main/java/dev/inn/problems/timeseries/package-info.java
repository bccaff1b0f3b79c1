/**
 * Time-series problems with an exact likelihood: a stationary AR(2) series of 100 to 200 steps,
 * given raw or as hand-crafted summaries, with a reference posterior by MCMC on that likelihood.
 */
package dev.inn.problems.timeseries;
