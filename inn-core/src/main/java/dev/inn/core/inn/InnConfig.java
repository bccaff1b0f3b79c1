package dev.inn.core.inn;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the INN method (spec/training.md), parsed once. The paper's ablations are
 * weights: "only L_y + L_z" is {@code weight_x = 0, weight_rec = 0}; "only L_x" is
 * {@code weight_y = 0, weight_pad = 0, weight_z = 0, weight_rec = 0}.
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
 */
public record InnConfig(int blocks, String block, int hidden, int layers, float clamp, String clampFunction,
    String activation, float initStd, int width, int latentDim, double weightY, double weightPad, double weightZ,
    double weightX, double weightRec, String zLoss, float noiseY, float noisePad, float noiseRecZ, float noiseRecY,
    Map<String, Object> forwardKernel, Map<String, Object> backwardKernel, double backwardWeightSigma,
    double mmdRampStart, double mmdRampEnd, boolean standardize, boolean supportTransform,
    OptimizerConfig optimizer) {

  /** The INN's settings with the defaults of spec/training.md (8-modes recipe). */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(OptimizerConfig.defaults());
    d.put("blocks", 3);
    d.put("block", "affine-coupling");
    d.put("hidden", 128);
    d.put("layers", 3);
    d.put("clamp", 2.0);
    d.put("clamp_function", "atan");
    d.put("activation", "relu");
    d.put("init_std", 0.0);
    d.put("width", 0);
    d.put("latent_dim", 0);
    d.put("weight_y", 1.0);
    d.put("weight_pad", 1.0);
    d.put("weight_z", 50.0);
    d.put("weight_x", 500.0);
    d.put("weight_rec", 1.0);
    d.put("z_loss", "mmd");
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
    d.put("standardize", false);
    d.put("support_transform", false);
    return Map.copyOf(d);
  }

  public static InnConfig from(Settings s) {
    return new InnConfig(s.getInt("blocks"), s.getString("block"), s.getInt("hidden"), s.getInt("layers"),
        s.getFloat("clamp"), s.getString("clamp_function"), s.getString("activation"), s.getFloat("init_std"),
        s.getInt("width"), s.getInt("latent_dim"), s.getDouble("weight_y"), s.getDouble("weight_pad"),
        s.getDouble("weight_z"), s.getDouble("weight_x"), s.getDouble("weight_rec"), zLoss(s), s.getFloat("noise_y"),
        s.getFloat("noise_pad"), s.getFloat("noise_rec_z"), s.getFloat("noise_rec_y"), s.getTable("forward_kernel"),
        s.getTable("backward_kernel"), s.getDouble("backward_weight_sigma"), s.getDouble("mmd_ramp_start"), s.getDouble("mmd_ramp_end"),
        s.getBoolean("standardize"), s.getBoolean("support_transform"),
        OptimizerConfig.from(s));
  }

  private static String zLoss(Settings s) {
    String v = s.getString("z_loss");
    if (!v.equals("mmd") && !v.equals("likelihood")) {
      throw new ConfigurationException("inn: z_loss must be \"mmd\" or \"likelihood\", got \"" + v + "\"");
    }
    return v;
  }

  /** Whether L_z is the maximum-likelihood term rather than the MMD. */
  public boolean likelihoodZ() {
    return zLoss.equals("likelihood");
  }
}
