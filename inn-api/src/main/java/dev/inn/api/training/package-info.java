/**
 * Training for plugin methods: an {@link dev.inn.api.training.Objective} of loss terms, a
 * {@link dev.inn.api.training.TrainableModel} holding the weights, and the injected
 * {@link dev.inn.api.training.TrainingEngine} that makes models and trains them with the
 * project's trainer.
 */
package dev.inn.api.training;
