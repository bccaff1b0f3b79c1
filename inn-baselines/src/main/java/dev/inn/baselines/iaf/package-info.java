/**
 * Inverse autoregressive flow (Kingma et al. 2016) on the cVAE's posterior, and the
 * {@code cvae-iaf} method.
 */
package dev.inn.baselines.iaf;
