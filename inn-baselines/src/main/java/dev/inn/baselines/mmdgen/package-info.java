/** The cGAN's generator trained with MMD on [x, y] instead of a discriminator, {@code generator-mmd}. */
package dev.inn.baselines.mmdgen;
