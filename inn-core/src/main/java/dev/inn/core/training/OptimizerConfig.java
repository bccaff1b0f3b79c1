package dev.inn.core.training;

import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Map;

/**
 * How a gradient-trained method optimises: Adam with L2 weight decay and optional global-norm
 * gradient clipping, in one of two schedules. With {@code steps > 0}: that many steps with an
 * exponential learning-rate decay from {@code lr} to {@code lrFinal} (the paper's recipe).
 * With {@code steps = 0}: epochs over the training set with early stopping on a held-out
 * validation split (see {@link EarlyStopping}), the schedule whose defaults need no tuning.
 * Every trained method reads the same setting keys.
 */
public record OptimizerConfig(int steps, int batch, double lr, double lrFinal, double beta1, double beta2,
    double eps, double weightDecay, double gradClip, int logEvery, int threads, EarlyStopping earlyStopping)
    implements dev.inn.api.training.TrainingSchedule {

  public OptimizerConfig {
    if (steps < 0 || batch < 2) {
      throw new IllegalArgumentException("need steps >= 0 (0: early stopping) and batch >= 2, got " + steps + ", "
          + batch);
    }
    if (!(lr > 0) || !(lrFinal > 0)) {
      throw new IllegalArgumentException("learning rates must be positive, got " + lr + " -> " + lrFinal);
    }
  }

  /** A fixed-step schedule without early stopping. */
  public OptimizerConfig(int steps, int batch, double lr, double lrFinal, double beta1, double beta2, double eps,
      double weightDecay, double gradClip, int logEvery, int threads) {
    this(steps, batch, lr, lrFinal, beta1, beta2, eps, weightDecay, gradClip, logEvery, threads,
        EarlyStopping.DEFAULT);
  }

  /**
   * The configuration behind a schedule made by this module ({@link #from}); a schedule of
   * another implementation is refused.
   */
  public static OptimizerConfig of(dev.inn.api.training.TrainingSchedule schedule) {
    if (schedule instanceof OptimizerConfig c) {
      return c;
    }
    throw new IllegalArgumentException("a training schedule must come from TrainingEngine.schedule, got "
        + schedule.getClass().getName());
  }

  @Override
  public double validationFraction() {
    return earlyStopping.validationFraction();
  }

  /** Whether training runs epochs until the validation loss stops improving. */
  @Override
  public boolean stopsEarly() {
    return steps == 0;
  }

  /** The shared setting keys and their defaults (the paper's 8-modes recipe). */
  public static Map<String, Object> defaults() {
    return Map.ofEntries(
        Map.entry("validation_fraction", EarlyStopping.DEFAULT.validationFraction()),
        Map.entry("patience", EarlyStopping.DEFAULT.patience()),
        Map.entry("max_epochs", EarlyStopping.DEFAULT.maxEpochs()),
        Map.entry("weight_average", EarlyStopping.DEFAULT.weightAverage()),
        Map.entry("steps", 3000), Map.entry("batch", 200), Map.entry("lr", 1e-3), Map.entry("lr_final", 1e-5),
        Map.entry("betas", List.of(0.9, 0.95)), Map.entry("eps", 1e-6), Map.entry("weight_decay", 1e-5),
        Map.entry("grad_clip", 0.0), Map.entry("log_every", 25), Map.entry("threads", 0));
  }

  /**
   * The shared keys for the schedule whose defaults need no tuning, the one the INN and the
   * cINN default to: epochs with early stopping ({@code steps = 0}) and the gradient norm
   * clipped at 5; the rest as in {@link #defaults()}.
   */
  public static Map<String, Object> earlyStoppingDefaults() {
    Map<String, Object> d = new java.util.HashMap<>(defaults());
    d.put("steps", 0);
    d.put("grad_clip", 5.0);
    return Map.copyOf(d);
  }

  /** What the shared keys mean, for {@code inn list}. */
  public static Map<String, String> descriptions() {
    return Map.ofEntries(
        Map.entry("steps", "training steps (batches); 0 = epochs with early stopping instead"),
        Map.entry("validation_fraction", "share of the training pairs held out to decide when to stop (steps = 0)"),
        Map.entry("patience", "epochs without a better validation loss before training stops (steps = 0)"),
        Map.entry("max_epochs", "most epochs, whatever the validation loss does (steps = 0)"),
        Map.entry("weight_average", "decay of an exponential average of the weights; 0 = none"),
        Map.entry("batch", "pairs per training step"),
        Map.entry("lr", "Adam learning rate (halved on a plateau with early stopping)"),
        Map.entry("lr_final", "learning rate reached at the last step (fixed steps; exponential decay)"),
        Map.entry("betas", "Adam's two moment decays"),
        Map.entry("eps", "Adam's epsilon"),
        Map.entry("weight_decay", "L2 penalty on the weights"),
        Map.entry("grad_clip", "largest gradient norm, larger ones scaled down; 0 = no clipping"),
        Map.entry("log_every", "steps between progress updates (fixed steps)"),
        Map.entry("threads", "threads for one training step; 0 = all cores"));
  }

  /** Parses and checks the shared keys; an unacceptable value names its key. */
  public static OptimizerConfig from(Settings s) {
    double[] betas = s.getDoubles("betas");
    if (betas.length != 2 || !(betas[0] >= 0 && betas[0] < 1 && betas[1] >= 0 && betas[1] < 1)) {
      throw new ConfigurationException("betas", "setting 'betas' of " + s.owner() + " needs two values in [0, 1), got "
          + java.util.Arrays.toString(betas));
    }
    atLeast(s, "steps", 0);
    atLeast(s, "batch", 2);
    atLeast(s, "patience", 1);
    atLeast(s, "max_epochs", 1);
    atLeast(s, "threads", 0);
    for (String key : List.of("lr", "lr_final", "eps")) {
      if (!(s.getDouble(key) > 0)) {
        throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + " must be positive, got "
            + s.getDouble(key));
      }
    }
    for (String key : List.of("weight_decay", "grad_clip")) {
      if (!(s.getDouble(key) >= 0)) {
        throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + " must be at least 0, got "
            + s.getDouble(key));
      }
    }
    double vf = s.getDouble("validation_fraction");
    if (!(vf > 0 && vf < 0.5)) {
      throw new ConfigurationException("validation_fraction", "setting 'validation_fraction' of " + s.owner()
          + " must be in (0, 0.5), got " + vf);
    }
    double average = s.getDouble("weight_average");
    if (!(average >= 0 && average < 1)) {
      throw new ConfigurationException("weight_average", "setting 'weight_average' of " + s.owner()
          + " must be in [0, 1), got " + average);
    }
    int threads = s.getInt("threads");
    return new OptimizerConfig(s.getInt("steps"), s.getInt("batch"), s.getDouble("lr"), s.getDouble("lr_final"),
        betas[0], betas[1], s.getDouble("eps"), s.getDouble("weight_decay"), s.getDouble("grad_clip"),
        Math.max(1, s.getInt("log_every")), threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
        new EarlyStopping(s.getDouble("validation_fraction"), s.getInt("patience"), s.getInt("max_epochs"), average));
  }

  private static void atLeast(Settings s, String key, int min) {
    int v = s.getInt(key);
    if (v < min) {
      throw new ConfigurationException(key, "setting '" + key + "' of " + s.owner() + " must be at least " + min
          + ", got " + v);
    }
  }

  /** Learning rate at {@code step} of {@code steps}: exponential from lr to lrFinal. */
  public double learningRate(int step) {
    return lr * Math.pow(lrFinal / lr, step / (double) Math.max(1, steps - 1));
  }
}
