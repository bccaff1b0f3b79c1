package dev.inn.baselines.dropout;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.nn.Activation;
import dev.inn.baselines.method.NetworkMethod;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the regression baselines. Defaults follow the paper's 8-modes recipe
 * (appendix 8.1): 6 fully connected layers, ReLU, dropout 0.2, Adam lr 1e-3 decaying to
 * 1e-5, batch 200.
 *
 * @param dropout probability of dropping a hidden unit, in training and when sampling
 * @param aleatoric whether the net also predicts a per-parameter log-variance (heteroscedastic loss)
 */
public record DropoutConfig(int hidden, int layers, String activation, float dropout, boolean aleatoric,
    boolean standardize, OptimizerConfig optimizer) {

  /** {@code dropout-nn}'s defaults. */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(pointDefaults());
    d.put("dropout", 0.2);
    d.put("aleatoric", true);
    return Map.copyOf(d);
  }

  /** {@code point-nn}'s defaults: no dropout and no variance, so no such keys. */
  public static Map<String, Object> pointDefaults() {
    Map<String, Object> d = new HashMap<>(NetworkMethod.optimizerDefaults());
    d.put("hidden", 128);
    d.put("layers", 6);
    d.put("activation", "relu");
    d.put("standardize", true);
    return Map.copyOf(d);
  }

  public static DropoutConfig from(Settings s) {
    Activation.check(s.owner(), "activation", s.getString("activation"));
    float rate = s.has("dropout") ? s.getFloat("dropout") : 0f;
    boolean aleatoric = s.has("aleatoric") && s.getBoolean("aleatoric");
    if (!(rate >= 0 && rate < 1)) {
      throw new ConfigurationException("dropout", "setting 'dropout' of " + s.owner() + " must be in [0, 1), got "
          + rate);
    }
    return new DropoutConfig(s.getInt("hidden", 1), s.getInt("layers", 1), s.getString("activation"), rate, aleatoric,
        s.getBoolean("standardize"), OptimizerConfig.from(s));
  }
}
