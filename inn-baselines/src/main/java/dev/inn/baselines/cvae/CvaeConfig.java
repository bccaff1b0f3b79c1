package dev.inn.baselines.cvae;

import dev.inn.api.settings.Settings;
import dev.inn.api.nn.Activation;
import dev.inn.baselines.method.NetworkMethod;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the cVAE (and of cvae-iaf, which adds {@link IafSettings}). Defaults follow the
 * paper's inverse-kinematics recipe (appendix 8.2): 4 layers each for encoder and decoder,
 * ReLU, Adam with lr 5e-3 decaying to 1.6e-5, batch 250, reconstruction weighted 15:1 versus
 * KL. {@code latent_dim = 0} means the problem's latent dimension.
 *
 * @param iaf the flow between encoder and decoder, or null for the plain cVAE
 */
public record CvaeConfig(int hidden, int layers, int latentDim, String activation, double reconWeight,
    double klWeight, boolean standardize, IafSettings iaf, OptimizerConfig optimizer) {

  /** The IAF part: flow steps, MADE hidden width and linear maps per step, context width. */
  public record IafSettings(int steps, int hidden, int layers, int context) {}

  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(NetworkMethod.optimizerDefaults());
    d.put("hidden", 128);
    d.put("layers", 4);
    d.put("latent_dim", 0);
    d.put("activation", "relu");
    d.put("recon_weight", 15.0);
    d.put("kl_weight", 1.0);
    d.put("standardize", true);
    d.put("batch", 250);
    d.put("lr", 5e-3);
    d.put("lr_final", 1.6e-5);
    return Map.copyOf(d);
  }

  /** The cVAE's defaults plus the flow's: 2 steps, MADE of 2 maps with 32 hidden units, context 16. */
  public static Map<String, Object> iafDefaults() {
    Map<String, Object> d = new HashMap<>(defaults());
    d.put("iaf_steps", 2);
    d.put("iaf_hidden", 32);
    d.put("iaf_layers", 2);
    d.put("iaf_context", 16);
    return Map.copyOf(d);
  }

  public static CvaeConfig from(Settings s) {
    Activation.check(s.owner(), "activation", s.getString("activation"));
    IafSettings iaf = s.has("iaf_steps")
        ? new IafSettings(s.getInt("iaf_steps"), s.getInt("iaf_hidden"), s.getInt("iaf_layers"), s.getInt("iaf_context"))
        : null;
    return new CvaeConfig(s.getInt("hidden", 1), s.getInt("layers", 1), s.getInt("latent_dim", 0),
        s.getString("activation"), s.getDouble("recon_weight"), s.getDouble("kl_weight"), s.getBoolean("standardize"),
        iaf, OptimizerConfig.from(s));
  }
}
