package dev.inn.api.problem;

import java.util.List;

/**
 * A problem's own picture of parameter vectors in its physical space (e.g. inverse kinematics
 * draws the arm of each posterior sample), so reports show any problem the way its author
 * sees it. Rendering (axes, colours, panels per method) is the report's; the problem only
 * gives coordinates.
 */
public interface Depiction {

  /** The figure's title, e.g. {@code "Sampled arm poses (Fig. 3)"}. */
  String title();

  /** Label of the horizontal axis. */
  String horizontalLabel();

  /** Label of the vertical axis. */
  String verticalLabel();

  /** The visible area: {@code {xMin, xMax, yMin, yMax}}. */
  double[] bounds();

  /**
   * Fixed marks for an observation (drawn once per panel), e.g. the rail and the target.
   *
   * @param observation the observation y* the samples are for
   */
  List<Mark> background(float[] observation);

  /**
   * The shape of one parameter vector: a polyline whose last point is marked as its end.
   *
   * @param x one parameter vector
   * @return the points, each {@code {horizontal, vertical}}
   */
  double[][] shape(float[] x);

  /**
   * A fixed mark.
   *
   * @param label the legend name
   * @param points the points, each {@code {horizontal, vertical}}
   * @param style how they are drawn
   */
  record Mark(String label, double[][] points, Style style) {}

  /** How a mark's points are drawn. */
  enum Style {
    /** A solid line through the points. */
    LINE,
    /** A dashed line through the points. */
    DASHED,
    /** A cross at each point. */
    CROSS
  }
}
