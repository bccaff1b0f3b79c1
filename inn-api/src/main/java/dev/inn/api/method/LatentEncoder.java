package dev.inn.api.method;

import dev.inn.api.data.Matrix;

/**
 * A method with a latent space it can map parameters into (the INN's z = f_z(x)), so reports
 * can show how posterior samples sit in it (latent maps).
 */
public interface LatentEncoder {

  /** Columns of the latent code. */
  int latentDim();

  /**
   * The latent code of every row of {@code x}, one row each.
   *
   * @param x parameters in data units
   * @return latentDim() columns per row
   */
  Matrix encode(Matrix x);
}
