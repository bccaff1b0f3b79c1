/**
 * Training for plugin methods: an {@link dev.inn.api.training.Objective} of loss terms (or a
 * {@link dev.inn.api.training.StagedObjective}, per-row work plus losses that couple rows, which
 * the trainer can run on shards of a batch at once), a
 * {@link dev.inn.api.training.TrainableModel} holding the weights, and the injected
 * {@link dev.inn.api.training.TrainingEngine} that makes models and trains them with the
 * project's trainer.
 */
package dev.inn.api.training;
