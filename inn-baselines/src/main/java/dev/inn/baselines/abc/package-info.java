/** Approximate Bayesian computation by rejection: threshold and quantile ABC, batched and parallel. */
package dev.inn.baselines.abc;
