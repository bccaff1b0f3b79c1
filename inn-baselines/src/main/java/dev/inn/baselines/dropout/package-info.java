/**
 * Regression baselines y -> x: Monte Carlo dropout with learned aleatoric variance (Kendall
 * and Gal 2017), {@code dropout-nn}, and the plain point-estimate network, {@code point-nn}.
 */
package dev.inn.baselines.dropout;
