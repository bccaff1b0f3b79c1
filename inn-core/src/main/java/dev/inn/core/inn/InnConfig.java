package dev.inn.core.inn;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.blocks.SoftClamp;
import dev.inn.api.nn.Activation;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the INN method, parsed and checked once, grouped by what it shapes. The
 * paper's ablations are weights: "only L_y + L_z" is {@code weight_x = 0, weight_rec = 0};
 * "only L_x" is {@code weight_y = 0, weight_pad = 0, weight_z = 0, weight_rec = 0}. A negative
 * weight is refused (it would silently turn its term off or into a reward).
 *
 * <p>The MMD weights (L_z, L_x) fade in as in the authors' published training loop: they start
 * at {@code mmd_ramp_start} times their weight and grow exponentially to the full weight at the
 * fraction {@code mmd_ramp_end} of the steps (start 1 disables the ramp). Without it the two
 * MMD terms dominate early training and L_y never gets learned.
 *
 * <p>{@code z_loss} chooses how L_z makes z ~ N(0, I) independent of y: {@code "mmd"} (the
 * paper: MMD between [z, y] and [N(0, I), y]) or {@code "likelihood"} (maximum likelihood,
 * 0.5 ||z||^2 - log|det J| averaged over the batch, with y pinned by L_y; not ramped). The
 * likelihood needs no second sample and no kernel, and its gradient does not fade as z nears
 * N(0, I), which the MMD's does.
 *
 * <p>{@code support_transform} trains on x mapped from the problem's declared prior support
 * to the real line (logit / inverse softplus, see {@code SupportTransform}) and maps samples
 * back, so every sample lies inside the support; {@code standardize} then applies on top.
 *
 * @param network the invertible network's shape
 * @param losses the loss terms' weights, kernels and ramp
 * @param noise the noise added to inputs and targets while training
 * @param standardize standardise x and y with the training data's moments
 * @param supportTransform train on unbounded coordinates of the problem's declared support
 * @param optimizer the shared trainer's settings
 */
public record InnConfig(Network network, Losses losses, Noise noise, boolean standardize, boolean supportTransform,
    OptimizerConfig optimizer) {

  /**
   * The network: {@code blocks} couplings of the {@code block} plugin (with its own
   * {@code blockSettings}; {@code clamp_function} is passed on to blocks that offer it), each
   * followed by a random permutation.
   */
  public record Network(int blocks, String block, Map<String, Object> blockSettings, int hidden, int layers,
      float clamp, String clampFunction, String activation, float initStd, int width, int latentDim) {
    public Network {
      atLeast("blocks", blocks, 1);
      atLeast("hidden", hidden, 1);
      atLeast("layers", layers, 1);
      positive("clamp", clamp);
      nonNegative("init_std", initStd);
      atLeast("width", width, 0);
      atLeast("latent_dim", latentDim, 0);
      Activation.check("method 'inn'", "activation", activation);
      SoftClamp.check("method 'inn'", clampFunction);
      blockSettings = Map.copyOf(blockSettings);
    }
  }

  /** Loss weights (each at least 0), the latent loss, the MMD kernels (plugin tables) and the MMD ramp. */
  public record Losses(double weightY, double weightPad, double weightZ, double weightX, double weightRec,
      String zLoss, Map<String, Object> forwardKernel, Map<String, Object> backwardKernel,
      double backwardWeightSigma, double mmdRampStart, double mmdRampEnd) {
    public Losses {
      nonNegative("weight_y", weightY);
      nonNegative("weight_pad", weightPad);
      nonNegative("weight_z", weightZ);
      nonNegative("weight_x", weightX);
      nonNegative("weight_rec", weightRec);
      if (!zLoss.equals("mmd") && !zLoss.equals("likelihood")) {
        throw new ConfigurationException("z_loss", "inn: z_loss must be \"mmd\" or \"likelihood\", got \"" + zLoss
            + "\"");
      }
      nonNegative("backward_weight_sigma", backwardWeightSigma);
      if (!(mmdRampStart > 0 && mmdRampStart <= 1)) {
        throw new ConfigurationException("mmd_ramp_start", "inn: mmd_ramp_start must be in (0, 1], got "
            + mmdRampStart);
      }
      if (!(mmdRampEnd >= 0 && mmdRampEnd <= 1)) {
        throw new ConfigurationException("mmd_ramp_end", "inn: mmd_ramp_end must be in [0, 1], got " + mmdRampEnd);
      }
      forwardKernel = Map.copyOf(forwardKernel);
      backwardKernel = Map.copyOf(backwardKernel);
    }
  }

  /** Standard deviations of the training noise on y, the padding, and the reconstruction inputs (each at least 0). */
  public record Noise(float y, float pad, float recZ, float recY) {
    public Noise {
      nonNegative("noise_y", y);
      nonNegative("noise_pad", pad);
      nonNegative("noise_rec_z", recZ);
      nonNegative("noise_rec_y", recY);
    }
  }

  /**
   * The INN's settings with their defaults, chosen for a problem nobody tuned for: x and y
   * standardised, bounded priors on unbounded coordinates, L_z by maximum likelihood (weight 1)
   * beside L_y (10) and a light backward MMD (L_x 100), the recipe that worked on inverse
   * kinematics at paper scale, trained in epochs with early stopping (no step count to choose) and
   * the latent dimension from the problem. The paper's 8-modes recipe (MMD L_z 50, L_x 500, raw
   * coordinates, 3000 steps) is written out in the shipped paper suites.
   */
  public static Map<String, Object> defaults() {
    // the shared trainer: epochs with early stopping on a validation split, gradient norm clipped
    Map<String, Object> d = new HashMap<>(OptimizerConfig.earlyStoppingDefaults());
    d.put("blocks", 3);
    d.put("block", "affine-coupling");
    d.put("block_settings", Map.of());
    d.put("hidden", 128);
    d.put("layers", 3);
    d.put("clamp", 2.0);
    d.put("clamp_function", "atan");
    d.put("activation", "relu");
    d.put("init_std", 0.0);
    d.put("width", 0);
    d.put("latent_dim", 0);
    d.put("weight_y", 10.0);
    d.put("weight_pad", 1.0);
    d.put("weight_z", 1.0);
    d.put("weight_x", 100.0);
    d.put("weight_rec", 1.0);
    d.put("z_loss", "likelihood");
    d.put("noise_y", 0.05);
    d.put("noise_pad", 0.01);
    d.put("noise_rec_z", 0.02);
    d.put("noise_rec_y", 0.05);
    d.put("forward_kernel", Map.of("name", "multiscale",
        "scales", List.of(List.of(0.2, 2.0), List.of(1.5, 2.0), List.of(3.0, 2.0))));
    d.put("backward_kernel", Map.of("name", "multiscale",
        "scales", List.of(List.of(0.2, 0.1), List.of(0.2, 0.5), List.of(0.2, 2.0))));
    d.put("backward_weight_sigma", 0.0);
    d.put("mmd_ramp_start", 0.004);
    d.put("mmd_ramp_end", 0.9);
    d.put("standardize", true);
    d.put("support_transform", true);
    return Map.copyOf(d);
  }

  /** Parses and checks resolved settings; an unacceptable value names its key. */
  public static InnConfig from(Settings s) {
    Network network = new Network(s.getInt("blocks"), s.getString("block"), s.getTable("block_settings"),
        s.getInt("hidden"), s.getInt("layers"), s.getFloat("clamp"), s.getString("clamp_function"),
        s.getString("activation"), s.getFloat("init_std"), s.getInt("width"), s.getInt("latent_dim"));
    Losses losses = new Losses(s.getDouble("weight_y"), s.getDouble("weight_pad"), s.getDouble("weight_z"),
        s.getDouble("weight_x"), s.getDouble("weight_rec"), s.getString("z_loss"), s.getTable("forward_kernel"),
        s.getTable("backward_kernel"), s.getDouble("backward_weight_sigma"), s.getDouble("mmd_ramp_start"),
        s.getDouble("mmd_ramp_end"));
    Noise noise = new Noise(s.getFloat("noise_y"), s.getFloat("noise_pad"), s.getFloat("noise_rec_z"),
        s.getFloat("noise_rec_y"));
    return new InnConfig(network, losses, noise, s.getBoolean("standardize"), s.getBoolean("support_transform"),
        OptimizerConfig.from(s));
  }

  /** Whether L_z is the maximum-likelihood term rather than the MMD. */
  public boolean likelihoodZ() {
    return losses.zLoss().equals("likelihood");
  }

  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new ConfigurationException(key, "inn: " + key + " must be at least " + min + ", got " + value);
    }
  }

  private static void nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new ConfigurationException(key, "inn: " + key + " must be at least 0, got " + value
          + (key.startsWith("weight") ? " (a weight of 0 turns its term off)" : ""));
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0)) {
      throw new ConfigurationException(key, "inn: " + key + " must be positive, got " + value);
    }
  }
}
