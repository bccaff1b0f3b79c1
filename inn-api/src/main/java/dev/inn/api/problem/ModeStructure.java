package dev.inn.api.problem;

/**
 * A posterior made of known, separated modes (e.g. the components of a Gaussian mixture
 * carrying the observed label), so a metric can score how a method's samples share them.
 */
public interface ModeStructure {

  /** The centres of all modes, one row of parameter values each. */
  double[][] centres();

  /** A sample within this distance of a centre belongs to that mode. */
  double radius();

  /**
   * The modes that carry probability for an observation.
   *
   * @param observation the observation y*
   * @return indices into {@link #centres()}, each mode of equal expected share
   */
  int[] modesFor(float[] observation);
}
