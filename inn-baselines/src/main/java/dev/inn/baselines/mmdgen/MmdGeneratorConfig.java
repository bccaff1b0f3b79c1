package dev.inn.baselines.mmdgen;

import dev.inn.api.settings.Settings;
import dev.inn.api.nn.Activation;
import dev.inn.baselines.method.NetworkMethod;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the MMD-trained generator. Defaults follow appendix 8.1: 8 fully connected
 * layers, leaky ReLU, Adam with the shared lr (1e-3) decaying to 1e-6, batch 256, inverse multiquadratic
 * kernel with h = 0.5 (here in standardised units). {@code latent_dim = 0} means the
 * problem's latent dimension.
 *
 * @param kernel the kernel plug-in table, e.g. {@code {name = "imq", widths = [0.5]}}
 */
public record MmdGeneratorConfig(int hidden, int layers, int latentDim, String activation, Map<String, Object> kernel,
    boolean standardize, OptimizerConfig optimizer) {

  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(NetworkMethod.optimizerDefaults());
    d.put("hidden", 64);
    d.put("layers", 8);
    d.put("latent_dim", 0);
    d.put("activation", "leaky-relu");
    d.put("kernel", Map.of("name", "imq", "widths", List.of(0.5)));
    d.put("standardize", true);
    d.put("batch", 256);
    d.put("lr_final", 1e-6);
    return Map.copyOf(d);
  }

  public static MmdGeneratorConfig from(Settings s) {
    Activation.check(s.owner(), "activation", s.getString("activation"));
    return new MmdGeneratorConfig(s.getInt("hidden", 1), s.getInt("layers", 1), s.getInt("latent_dim", 0),
        s.getString("activation"), s.getTable("kernel"), s.getBoolean("standardize"), OptimizerConfig.from(s));
  }
}
