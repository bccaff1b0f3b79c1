/**
 * Inverse problems: a {@link dev.inn.api.problem.ProblemProvider} makes a
 * {@link dev.inn.api.problem.Problem}: parameters x, observations y, simulated pairs, and
 * optionally a prior, a forward process, a support, an exact posterior, reference observations,
 * a picture of its samples and its posterior modes.
 */
package dev.inn.api.problem;
