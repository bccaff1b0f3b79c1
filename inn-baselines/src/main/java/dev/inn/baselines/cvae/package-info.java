/** The conditional variational autoencoder baseline (Sohn et al. 2015), {@code cvae}. */
package dev.inn.baselines.cvae;
