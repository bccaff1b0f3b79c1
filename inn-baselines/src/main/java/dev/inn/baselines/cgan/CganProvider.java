package dev.inn.baselines.cgan;

import dev.inn.baselines.method.NetworkMethodProvider;

/** {@code cgan}: the small conditional GAN of the paper's appendix (INN-sized, L2 pre-training). */
public final class CganProvider extends NetworkMethodProvider<CganConfig> {

  /** The small cGAN with its defaults. */
  public CganProvider() {
    super("cgan", "conditional GAN, INN-sized generator and discriminator, L2 pre-training of the generator",
        CganConfig.smallDefaults(), CganConfig::from, Cgan::new);
  }
}
