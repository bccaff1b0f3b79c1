package dev.inn.problems.sbibm;

/** Registers {@code bernoulli-glm} (no settings). */
public final class BernoulliGlmProvider extends SbibmTaskProvider {

  public BernoulliGlmProvider() {
    super(BernoulliGlm.NAME, "sbibm bernoulli_glm: logistic spiking neuron, 10 weights, sufficient statistics", BernoulliGlm::new);
  }
}
