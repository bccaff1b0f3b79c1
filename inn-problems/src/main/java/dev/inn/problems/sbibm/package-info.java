/**
 * The five sbibm benchmark tasks (Lueckmann et al., "Benchmarking Simulation-Based
 * Inference", AISTATS 2021) with their official observations and reference posteriors,
 * as specified in the project's {@code spec/sbibm.md}.
 */
package dev.inn.problems.sbibm;
