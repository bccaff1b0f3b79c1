package dev.inn.core.cinn;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.nn.Activation;
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
 * <p>Every default has its one home in {@link #defaults()} (the trainer's shared keys in
 * {@link OptimizerConfig}); the measurements behind them are in docs/decisions.md.
 *
 * @param blocks number of units, each ActNorm + permutation + coupling
 * @param block the coupling block plugin
 * @param alternateBlock a second coupling block plugin for units 1, 3, 5, ... (the first unit
 *     and every other one after it), with {@code block} in the others; empty for none. Its own
 *     defaults apply (one-sided if it offers {@code two_sided}); {@code block_settings} are
 *     {@code block}'s
 * @param permutation the permutation block plugin between couplings
 * @param hidden hidden units of each coupling subnet layer; 0: train flows with 16 and with 64
 *     and weight them by validation likelihood
 * @param ensemble flows trained per subnet width, from different initial weights; all are
 *     kept as a mixture weighted by validation likelihood
 * @param layers linear layers per coupling subnet
 * @param clamp soft-clamp bound of affine log-scales
 * @param activation subnet activation
 * @param blockSettings extra settings of the coupling block plugin; a block that offers
 *     {@code two_sided} is one-sided here unless this says otherwise (the cINN alternates
 *     halves through its permutations instead)
 * @param condition the conditioning network plugin; {@code auto} picks it from the problem's
 *     observation shape ({@code mlp} for vectors, {@code deepset} for sets, {@code conv1d} for
 *     sequences), so a new problem needs no setting
 * @param conditionSettings its settings
 * @param actNorm whether each unit starts with ActNorm
 * @param standardize standardise x and y with the training data's mean and deviation
 * @param supportTransform train on unbounded coordinates when the problem declares a support
 * @param optimizer the shared trainer's settings
 */
public record CinnConfig(int blocks, String block, String alternateBlock, String permutation, int hidden, int ensemble,
    int layers,
    float clamp, String activation, Map<String, Object> blockSettings, String condition,
    Map<String, Object> conditionSettings,
    boolean actNorm, boolean standardize, boolean supportTransform, OptimizerConfig optimizer) {

  /**
   * The subnet widths tried when {@code hidden = 0}: flows of each are trained and mixed by
   * validation likelihood (with fixed steps and no validation split, only the wider one).
   */
  static final int[] AUTO_WIDTHS = {16, 64};

  /**
   * The {@code condition} value that picks the network from the observation's shape: {@code mlp}
   * for vectors, {@code deepset} for sets, {@code conv1d} for sequences.
   */
  static final String AUTO_CONDITION = "auto";

  /** The defaults (see the class comment for why each is what it is). */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(OptimizerConfig.earlyStoppingDefaults());
    d.put("blocks", 8);
    d.put("block", "rq-spline-coupling");
    d.put("alternate_block", "affine-coupling");
    d.put("permutation", "permutation");
    d.put("hidden", 0);
    d.put("ensemble", 2);
    d.put("layers", 2);
    d.put("clamp", 2.0);
    d.put("activation", "relu");
    d.put("block_settings", Map.of());
    d.put("condition", AUTO_CONDITION);
    d.put("condition_settings", Map.of());
    d.put("actnorm", true);
    d.put("standardize", true);
    d.put("support_transform", true);
    // the trainer: epochs with early stopping (not a step count), Adam as commonly used for flows
    d.put("batch", 128);
    d.put("lr", 5e-4);
    d.put("betas", List.of(0.9, 0.999));
    d.put("eps", 1e-8);
    d.put("weight_decay", 0.0);
    return Map.copyOf(d);
  }

  /** What the settings mean, for {@code inn list} (the trainer's shared keys included). */
  public static Map<String, String> descriptions() {
    Map<String, String> d = new HashMap<>(dev.inn.core.training.OptimizerConfig.descriptions());
    d.put("blocks", "coupling blocks of each flow");
    d.put("block", "the coupling block (see 'inn list block')");
    d.put("alternate_block", "block used for every other coupling; \"\" = the same block throughout");
    d.put("permutation", "the fixed mixing between blocks (\"permutation\" or \"lu-permutation\")");
    d.put("hidden", "hidden units of each subnet layer; 0 = train flows of 16 and of 64 and mix them");
    d.put("ensemble", "flows per width, mixed by validation likelihood (hidden = 0 with ensemble = 2: 4 flows)");
    d.put("layers", "layers of each subnet");
    d.put("clamp", "bound on the log-scales of affine couplings");
    d.put("activation", "subnet activation (relu, leaky-relu, tanh, ...)");
    d.put("block_settings", "settings of the block plugin");
    d.put("condition", "the conditioning network h(y) (see 'inn list condition')");
    d.put("condition_settings", "settings of the conditioning network");
    d.put("actnorm", "activation normalisation between blocks, set from the first batch");
    d.put("standardize", "train on standardised x and y (undone when sampling)");
    d.put("support_transform", "map a bounded prior support onto the real line, so samples stay inside it");
    return Map.copyOf(d);
  }

  /** Parses and checks resolved settings. */
  public static CinnConfig from(Settings s) {
    CinnConfig c = new CinnConfig(s.getInt("blocks"), s.getString("block"), s.getString("alternate_block"),
        s.getString("permutation"),
        s.getInt("hidden"), s.getInt("ensemble"), s.getInt("layers"), s.getFloat("clamp"), s.getString("activation"),
        s.getTable("block_settings"), s.getString("condition"), s.getTable("condition_settings"),
        s.getBoolean("actnorm"), s.getBoolean("standardize"), s.getBoolean("support_transform"),
        OptimizerConfig.from(s));
    if (c.ensemble < 1) {
      throw new ConfigurationException("ensemble", "cinn: ensemble must be at least 1 flow per width, got "
          + c.ensemble);
    }
    if (c.blocks < 1) {
      throw new ConfigurationException("blocks", "cinn: blocks must be at least 1, got " + c.blocks);
    }
    if (c.hidden < 0 || c.layers < 1) {
      throw new ConfigurationException(c.hidden < 0 ? "hidden" : "layers", "cinn: hidden must be 0 (chosen by"
          + " validation loss) or positive, and layers at least 1, got " + c.hidden + " and " + c.layers);
    }
    Activation.check("method 'cinn'", "activation", c.activation);
    if (!(c.clamp > 0)) {
      throw new ConfigurationException("clamp", "cinn: clamp must be positive, got " + c.clamp);
    }
    return c;
  }
}
