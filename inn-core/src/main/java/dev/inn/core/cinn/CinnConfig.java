package dev.inn.core.cinn;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.core.training.OptimizerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the conditional INN. The defaults are meant for a problem nobody tuned for:
 * every size comes from the data (x and y standardised, dim z = dim x, condition width from
 * dim y) and training runs epochs with early stopping on a 10 % validation split, so there is
 * no step count or loss weight to choose.
 *
 * <p>Coupling: rational-quadratic splines (8 bins on [-5, 5], linear tails), lr 5e-4. Measured by
 * held-out log q(x | y) on the five sbibm tasks at 10^4 simulations against the one-sided affine
 * (glow) coupling at lr 1e-3: +0.7 nats on slcp (multimodal), +0.7 on gaussian-linear-uniform (a
 * posterior truncated by the prior's box), about equal on sir and lotka-volterra, -0.2 on
 * bernoulli-glm. Affine couplings overfit early on these budgets (validation loss rising after 5 to
 * 15 epochs) while still too wide; splines reach a sharper fit before that point.
 *
 * @param blocks number of units, each ActNorm + permutation + coupling
 * @param block the coupling block plugin
 * @param permutation the permutation block plugin between couplings
 * @param hidden hidden units of each coupling subnet layer
 * @param layers linear layers per coupling subnet
 * @param clamp soft-clamp bound of affine log-scales
 * @param activation subnet activation
 * @param blockSettings extra settings of the coupling block plugin; a block that offers
 *     {@code two_sided} is one-sided here unless this says otherwise (the cINN alternates
 *     halves through its permutations instead)
 * @param condition the conditioning network plugin
 * @param conditionSettings its settings
 * @param actNorm whether each unit starts with ActNorm
 * @param standardize standardise x and y with the training data's mean and deviation
 * @param supportTransform train on unbounded coordinates when the problem declares a support
 * @param optimizer the shared trainer's settings
 */
public record CinnConfig(int blocks, String block, String permutation, int hidden, int layers, float clamp,
    String activation, Map<String, Object> blockSettings, String condition, Map<String, Object> conditionSettings,
    boolean actNorm, boolean standardize, boolean supportTransform, OptimizerConfig optimizer) {

  /** The defaults (see the class comment for why each is what it is). */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(OptimizerConfig.defaults());
    d.put("blocks", 8);
    d.put("block", "rq-spline-coupling");
    d.put("permutation", "permutation");
    d.put("hidden", 128);
    d.put("layers", 3);
    d.put("clamp", 2.0);
    d.put("activation", "relu");
    d.put("block_settings", Map.of());
    d.put("condition", "mlp");
    d.put("condition_settings", Map.of());
    d.put("actnorm", true);
    d.put("standardize", true);
    d.put("support_transform", true);
    // the trainer: epochs with early stopping, not a step count
    d.put("steps", 0);
    d.put("batch", 128);
    d.put("lr", 5e-4);
    d.put("betas", List.of(0.9, 0.999));
    d.put("eps", 1e-8);
    d.put("weight_decay", 0.0);
    d.put("grad_clip", 5.0);
    return Map.copyOf(d);
  }

  /** Parses and checks resolved settings. */
  public static CinnConfig from(Settings s) {
    CinnConfig c = new CinnConfig(s.getInt("blocks"), s.getString("block"), s.getString("permutation"),
        s.getInt("hidden"), s.getInt("layers"), s.getFloat("clamp"), s.getString("activation"),
        s.getTable("block_settings"), s.getString("condition"), s.getTable("condition_settings"),
        s.getBoolean("actnorm"), s.getBoolean("standardize"), s.getBoolean("support_transform"),
        OptimizerConfig.from(s));
    if (c.blocks < 1) {
      throw new ConfigurationException("blocks", "cinn: blocks must be at least 1, got " + c.blocks);
    }
    if (c.hidden < 1 || c.layers < 1) {
      throw new ConfigurationException(c.hidden < 1 ? "hidden" : "layers", "cinn: hidden and layers must be at least 1,"
          + " got " + c.hidden + " and " + c.layers);
    }
    if (!(c.clamp > 0)) {
      throw new ConfigurationException("clamp", "cinn: clamp must be positive, got " + c.clamp);
    }
    return c;
  }
}
