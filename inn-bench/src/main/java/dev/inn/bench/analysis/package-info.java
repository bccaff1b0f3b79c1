/**
 * The analysis of one observation's posterior ({@link PosteriorAnalysis}, {@code inn analyze})
 * and the diagnosis of a trained method on fresh simulations ({@link MethodDiagnosis},
 * {@code inn diagnose}), each written as one HTML page with PNG and SVG figures.
 */
package dev.inn.bench.analysis;
