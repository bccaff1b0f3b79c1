/**
 * Conditional GANs (Mirza and Osindero 2014) as in the paper's appendix Sec. 2: the small
 * {@code cgan} with L2 pre-training and the {@code cgan-large} with a variance penalty.
 */
package dev.inn.baselines.cgan;
