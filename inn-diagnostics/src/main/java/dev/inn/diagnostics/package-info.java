/**
 * Diagnostics of a posterior and of a posterior method, as plain functions on arrays: usable
 * from Java without a {@code Problem}, a suite or the command line, as sbi's and BayesFlow's
 * are. The module depends on inn-api only (for {@link dev.inn.api.data.Matrix}).
 *
 * <p>Simulation-based calibration ranks with ECDF bands ({@link Sbc}, {@link EcdfBand}),
 * expected coverage ({@link Coverage}), TARP ({@link Tarp}), recovery by contraction and
 * z-scores ({@link Recovery}), posterior predictive checks ({@link PosteriorPredictive}),
 * correlations ({@link Correlation}), modes ({@link Modes}) and the MAP estimate by mean shift
 * ({@link MeanShiftMap}, {@link MeanShift}). Calibration diagnostics end in a {@link Verdict}
 * that names the direction of a failure ({@link Miscalibration}).
 *
 * <p>Posterior samples are passed as one {@link dev.inn.api.data.Matrix} per observation
 * (rows are draws, columns parameters); true parameters as one matrix with a row per
 * observation. Every random choice takes a seed: the same inputs and seed give the same numbers.
 */
package dev.inn.diagnostics;
