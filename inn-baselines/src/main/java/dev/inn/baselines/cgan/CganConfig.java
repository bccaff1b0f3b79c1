package dev.inn.baselines.cgan;

import dev.inn.api.settings.Settings;
import dev.inn.api.nn.Activation;
import dev.inn.baselines.method.NetworkMethod;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of both cGANs. The shared optimiser keys configure the generator's Adam; the
 * discriminator's Adam uses {@code disc_lr} to {@code disc_lr_final} with the same betas,
 * eps, weight decay and clipping. {@code latent_dim = 0} means the problem's latent
 * dimension.
 *
 * @param genDropout dropout of the generator's hidden units, in training and when sampling
 * @param varianceWeight weight of (Var_batch[G(z, y)] - Var_data[x])^2 summed over dimensions
 * @param pretrainSteps steps of L2 regression G(z, y) ~ x before adversarial training
 */
public record CganConfig(int hidden, int layers, int discHidden, int discLayers, int latentDim, String activation,
    float genDropout, double varianceWeight, int pretrainSteps, double discLr, double discLrFinal,
    boolean standardize, OptimizerConfig optimizer, OptimizerConfig discOptimizer) {

  /**
   * The small cGAN (appendix 8.1): 6 generator and 8 discriminator layers, leaky ReLU, lr
   * 2e-3 decaying to 2e-6, batch 256, 100 steps of L2 pre-training; latent = problem's.
   */
  public static Map<String, Object> smallDefaults() {
    Map<String, Object> d = new HashMap<>(NetworkMethod.optimizerDefaults());
    d.put("hidden", 64);
    d.put("layers", 6);
    d.put("disc_hidden", 64);
    d.put("disc_layers", 8);
    d.put("latent_dim", 0);
    d.put("activation", "leaky-relu");
    d.put("gen_dropout", 0.0);
    d.put("variance_weight", 0.0);
    d.put("pretrain_steps", 100);
    d.put("standardize", true);
    d.put("batch", 256);
    d.put("lr", 2e-3);
    d.put("lr_final", 2e-6);
    d.put("disc_lr", 2e-3);
    d.put("disc_lr_final", 2e-6);
    return Map.copyOf(d);
  }

  /**
   * The larger cGAN of the paper's appendix 8.1, with the paper's sizes, dropout, penalty weight
   * and learning rates (the values below), learning rates not decayed and no pre-training. The
   * paper's discriminator used SGD with momentum; here both nets use Adam. How these defaults
   * fare on 8 modes: docs/decisions.md.
   */
  public static Map<String, Object> largeDefaults() {
    Map<String, Object> d = new HashMap<>(smallDefaults());
    d.put("hidden", 1024);
    d.put("layers", 3);
    d.put("disc_hidden", 1024);
    d.put("disc_layers", 3);
    d.put("latent_dim", 128);
    d.put("gen_dropout", 0.25);
    d.put("variance_weight", 1.0);
    d.put("pretrain_steps", 0);
    d.put("batch", 512);
    d.put("lr", 8e-4);
    d.put("lr_final", 8e-4);
    d.put("disc_lr", 1.2e-3);
    d.put("disc_lr_final", 1.2e-3);
    d.put("weight_decay", 1.6e-3);
    return Map.copyOf(d);
  }

  public static CganConfig from(Settings s) {
    Activation.check(s.owner(), "activation", s.getString("activation"));
    OptimizerConfig gen = OptimizerConfig.from(s);
    OptimizerConfig disc = new OptimizerConfig(gen.steps(), gen.batch(), s.getDouble("disc_lr"),
        s.getDouble("disc_lr_final"), gen.beta1(), gen.beta2(), gen.eps(), gen.weightDecay(), gen.gradClip(),
        gen.logEvery(), gen.threads());
    return new CganConfig(s.getInt("hidden", 1), s.getInt("layers", 1), s.getInt("disc_hidden", 1),
        s.getInt("disc_layers", 1), s.getInt("latent_dim", 0), s.getString("activation"), s.getFloat("gen_dropout"),
        s.getDouble("variance_weight"), s.getInt("pretrain_steps", 0), disc.lr(), disc.lrFinal(),
        s.getBoolean("standardize"), gen, disc);
  }
}
