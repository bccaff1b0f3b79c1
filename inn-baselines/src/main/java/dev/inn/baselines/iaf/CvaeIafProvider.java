package dev.inn.baselines.iaf;

import dev.inn.baselines.cvae.Cvae;
import dev.inn.baselines.cvae.CvaeConfig;
import dev.inn.baselines.method.NetworkMethodProvider;

/**
 * {@code cvae-iaf}: the cVAE with inverse autoregressive flow steps on its approximate
 * posterior (settings of {@code cvae} plus {@code iaf_steps}, {@code iaf_hidden},
 * {@code iaf_layers}, {@code iaf_context}).
 */
public final class CvaeIafProvider extends NetworkMethodProvider<CvaeConfig> {

  /** The cVAE with a flow, with the cVAE's defaults plus the flow's. */
  public CvaeIafProvider() {
    super("cvae-iaf",
        "conditional VAE with inverse autoregressive flow between encoder and decoder (Kingma et al. 2016)",
        CvaeConfig.iafDefaults(), CvaeConfig::from, Cvae::new);
  }
}
