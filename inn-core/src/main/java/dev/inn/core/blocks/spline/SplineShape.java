package dev.inn.core.blocks.spline;

import dev.inn.api.settings.ConfigurationException;

/**
 * The fixed shape of a {@link RationalQuadraticSpline}: the number of bins, the half-width of
 * the box [-bound, bound] it acts on, and lower limits on the bin widths and heights (as
 * fractions of the box) and on the knot derivatives, which keep the map well conditioned. A
 * value out of range is a {@link ConfigurationException} naming its setting of
 * {@code rq-spline-coupling}.
 */
public record SplineShape(int bins, float bound, float minBinWidth, float minBinHeight, float minDerivative) {

  public SplineShape {
    if (bins < 1) {
      throw new ConfigurationException("bins", "a spline needs at least one bin, got " + bins);
    }
    if (!(bound > 0)) {
      throw new ConfigurationException("bound", "spline bound must be positive, got " + bound);
    }
    if (!(minBinWidth >= 0 && minBinWidth * bins < 1) || !(minBinHeight >= 0 && minBinHeight * bins < 1)) {
      throw new ConfigurationException(minBinWidth >= 0 && minBinWidth * bins < 1 ? "min_bin_height" : "min_bin_width",
          "minimum bin width " + minBinWidth + " and height " + minBinHeight
          + " must be non-negative and smaller than 1 / bins = " + 1.0 / bins);
    }
    if (!(minDerivative >= 0 && minDerivative < 1)) {
      throw new ConfigurationException("min_derivative", "minimum derivative must lie in [0, 1), got "
          + minDerivative);
    }
  }

  /** Columns of {@code params} per element: widths, heights and interior derivatives. */
  public int parametersPerElement() {
    return 3 * bins - 1;
  }
}
