/**
 * Where the trainer's mini-batches come from: {@link dev.inn.core.training.rows.TrainingRows},
 * either a data set in memory or chunks streamed from disk a window at a time
 * ({@link dev.inn.core.training.rows.StreamedRows}), behind one interface so the training loop
 * does not know which.
 */
package dev.inn.core.training.rows;
