/**
 * The conditional INN (Ardizzone et al. 2019, "Guided Image Generation with Conditional
 * Invertible Neural Networks"; Radev et al. 2020, BayesFlow): x <-> z given h(y), trained by
 * maximum likelihood, sampled by one inverse pass, with an exact density.
 */
package dev.inn.core.cinn;
