/** Loss parts a plugin may provide or use: named, weighted {@link dev.inn.api.loss.LossTerm}s and MMD kernels ({@link dev.inn.api.loss.KernelProvider}). */
package dev.inn.api.loss;
