/**
 * The simulation store: (x, y) pairs simulated in seeded chunks into a folder of NPY files with
 * a manifest, resumable after an interruption and byte-identical whatever the number of
 * workers; and {@link dev.inn.problems.store.StoredProblem}, which trains a problem on a store.
 */
package dev.inn.problems.store;
