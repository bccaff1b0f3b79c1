/**
 * The method toolkit: what every trainable method uses, built-in or plugin. The injected
 * {@link dev.inn.api.training.TrainingEngine} makes a
 * {@link dev.inn.api.training.TrainableModel} (the weights), parses a
 * {@link dev.inn.api.training.TrainingSchedule} (fixed steps, or epochs with early stopping on
 * a {@link dev.inn.api.training.ValidationSplit}) and makes a
 * {@link dev.inn.api.training.MethodToolkit} per method (checks, x and y
 * {@link dev.inn.api.training.Standardization}, the {@link dev.inn.api.training.SupportMap},
 * training, chunked sampling). A method states its loss as an
 * {@link dev.inn.api.training.Objective} of terms (or a
 * {@link dev.inn.api.training.StagedObjective}, per-row work plus losses that couple rows,
 * which the trainer can run on shards of a batch at once).
 */
package dev.inn.api.training;
