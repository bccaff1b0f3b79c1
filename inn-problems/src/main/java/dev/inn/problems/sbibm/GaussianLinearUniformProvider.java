package dev.inn.problems.sbibm;

/** Registers {@code gaussian-linear-uniform} (no settings). */
public final class GaussianLinearUniformProvider extends SbibmTaskProvider {

  public GaussianLinearUniformProvider() {
    super(GaussianLinearUniform.NAME, "sbibm gaussian_linear_uniform: uniform box prior, y = theta + N(0, 0.1 I), 10-D", GaussianLinearUniform::new);
  }
}
