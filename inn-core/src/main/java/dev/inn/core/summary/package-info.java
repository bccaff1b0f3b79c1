/**
 * Summary networks: condition plugins that turn a raw set or sequence of any size into a
 * fixed-width summary h(y), trained jointly with the conditional INN (BayesFlow's idea, Radev
 * et al. 2020). {@code deepset} and {@code set-attention} for exchangeable sets, {@code conv1d}
 * and {@code gru} for sequences; each takes padded ragged batches and ignores the padding.
 */
package dev.inn.core.summary;
