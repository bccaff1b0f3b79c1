package dev.inn.api.training;

import dev.inn.api.data.Matrix;

/**
 * A per-column bijection between a prior's support and the real line: a method that learns in
 * the unbounded coordinates and maps its samples back can only produce samples inside the
 * support. The identity for unbounded columns. Made by {@link MethodToolkit#supportMap}.
 */
public interface SupportMap {

  /** @return the number of columns */
  int dim();

  /**
   * @param m values inside the support
   * @return the same values on the real line
   */
  Matrix toUnbounded(Matrix m);

  /**
   * @param m values on the real line
   * @return the values mapped into the support
   */
  Matrix toSupport(Matrix m);

  /**
   * The change of variables of a density from the real line back into the support.
   *
   * @param m values inside the support
   * @return log|det d toUnbounded / dx| per row; negative infinity for a row on or outside a bound
   */
  double[] logAbsDetToUnbounded(Matrix m);
}
