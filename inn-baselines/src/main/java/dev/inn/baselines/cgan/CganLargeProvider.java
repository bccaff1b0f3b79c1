package dev.inn.baselines.cgan;

import dev.inn.baselines.method.NetworkMethodProvider;

/**
 * {@code cgan-large}: the larger conditional GAN of the paper's appendix (2 x 1024 units,
 * latent 128, generator dropout, output-variance penalty); same settings as {@code cgan},
 * other defaults.
 */
public final class CganLargeProvider extends NetworkMethodProvider<CganConfig> {

  /** The large cGAN with its defaults. */
  public CganLargeProvider() {
    super("cgan-large",
        "larger conditional GAN: 2 x 1024 units, latent 128, dropout, variance penalty against mode collapse",
        CganConfig.largeDefaults(), CganConfig::from, Cgan::new);
  }
}
