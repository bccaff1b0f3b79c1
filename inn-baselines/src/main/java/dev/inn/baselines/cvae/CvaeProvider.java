package dev.inn.baselines.cvae;

import dev.inn.baselines.method.NetworkMethodProvider;

/** {@code cvae}: conditional variational autoencoder (Sohn et al. 2015), the paper's main baseline. */
public final class CvaeProvider extends NetworkMethodProvider<CvaeConfig> {

  /** The cVAE with the paper's inverse-kinematics defaults. */
  public CvaeProvider() {
    super("cvae", "conditional VAE: encoder [x,y] -> q(z), decoder [z,y] -> x, ELBO with weighted reconstruction",
        CvaeConfig.defaults(), CvaeConfig::from, Cvae::new);
  }
}
