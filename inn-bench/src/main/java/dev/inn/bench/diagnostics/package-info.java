/**
 * Diagnostics of a posterior and of a posterior method, as plain functions on arrays: usable
 * from Java without a {@code Problem} or a suite, as sbi's and BayesFlow's are. Simulation-based
 * calibration ranks with ECDF bands ({@link Sbc}), expected coverage ({@link Coverage}), TARP
 * ({@link Tarp}), recovery by contraction and z-scores ({@link Recovery}), posterior predictive
 * checks ({@link PosteriorPredictive}), correlations ({@link Correlation}) and modes
 * ({@link Modes}). Calibration diagnostics end in a {@link Verdict} that names the direction of
 * a failure. The classifier two-sample test is {@code dev.inn.bench.metrics.C2st}.
 */
package dev.inn.bench.diagnostics;
