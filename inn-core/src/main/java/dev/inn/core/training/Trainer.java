package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.training.Objective;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.training.rows.TrainingRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop every gradient-trained method shares: shuffled mini-batches, one
 * backward pass over the weighted sum of the objective's terms, Adam with decaying learning
 * rate and optional clipping, loss curves, progress, and a clear stop when a term is not
 * finite (before the weights are touched).
 */
public final class Trainer {

  private final OptimizerConfig config;

  public Trainer(OptimizerConfig config) {
    this.config = config;
  }

  public TrainingHistory run(String task, ParameterStore params, Dataset data, Objective objective,
      TrainingContext context, RowParallel parallel) {
    return run(task, params, data, objective, context, parallel, context.seed());
  }

  /**
   * As {@link #run(String, ParameterStore, Dataset, Objective, TrainingContext, RowParallel)},
   * with the validation split drawn from {@code splitSeed} instead of the context's seed: runs
   * that differ in their seed but share {@code splitSeed} hold out the same rows.
   */
  public TrainingHistory run(String task, ParameterStore params, Dataset data, Objective objective,
      TrainingContext context, RowParallel parallel, long splitSeed) {
    if (data.size() < 2) {
      throw new IllegalArgumentException(task + ": need at least 2 training pairs, got " + data.size());
    }
    checkFinite(task, data);
    return run(task, params, TrainingRows.of(data), objective, context, parallel, splitSeed);
  }

  /**
   * As {@link #run(String, ParameterStore, Dataset, Objective, TrainingContext, RowParallel, long)},
   * pulling the batches from {@code data}, rows in memory or streamed from chunks; the rows must
   * be checked (finite) by their source.
   */
  public TrainingHistory run(String task, ParameterStore params, TrainingRows data, Objective objective,
      TrainingContext context, RowParallel parallel, long splitSeed) {
    if (data.size() < 2) {
      throw new IllegalArgumentException(task + ": need at least 2 training pairs, got " + data.size());
    }
    if (config.stopsEarly()) {
      return new EpochTraining(task, params, data, objective, context, parallel, splitSeed).run();
    }
    SplittableRandom random = new SplittableRandom(context.seed());
    Step optimizerStep = new Step(params, objective, parallel, null);
    int batch = Math.min(config.batch(), data.size());
    TrainingRows.RowCursor cursor = data.cursor(random);
    LossWindows log = new LossWindows(task, config.steps(), config.logEvery(), context.progress());
    for (int step = 0; step < config.steps(); step++) {
      BatchStep.Terms terms = optimizerStep.run(cursor.next(batch), random, step, config.learningRate(step));
      if (terms == null) {
        throw new TrainingDivergedException(task + ": " + optimizerStep.failure() + " at step " + step + " of "
            + config.steps() + " (learning rate " + config.learningRate(step) + "); lower lr, raise clamping, or"
            + " enable grad_clip");
      }
      for (int i = 0; i < terms.values().length; i++) {
        log.add(terms.names().get(i), (float) terms.values()[i]);
      }
      log.stepDone(step);
    }
    return log.history();
  }

  /**
   * One optimisation step, the same in both schedules: forward and backward on a batch, the
   * gradient clipped to {@code grad_clip}, an Adam update, the weight average updated. When a
   * loss term or the gradient norm is not finite the weights stay untouched.
   */
  private final class Step {
    private final ParameterStore params;
    private final BatchStep batchStep;
    private final WeightAverage average;
    private Adam adam;
    private String failure;

    Step(ParameterStore params, Objective objective, RowParallel parallel, WeightAverage average) {
      this.params = params;
      this.batchStep = new BatchStep(params.trainable(), objective, parallel);
      this.average = average;
      this.adam = new Adam(params.trainable(), config);
    }

    /** The batch's terms after the update, or null when they or the gradient were not finite ({@link #failure}). */
    BatchStep.Terms run(Dataset batch, SplittableRandom random, int step, double lr) {
      long stepStart = StepProfile.start();
      BatchStep.Terms terms = batchStep.run(batch, random, step, true);
      int bad = terms.firstNonFinite();
      if (bad >= 0 || !Double.isFinite(terms.total())) {
        failure = bad >= 0 ? "loss term " + terms.names().get(bad) + " became " + (float) terms.values()[bad]
            : "the weighted loss became " + terms.total();
        return null;
      }
      long optimizerStart = StepProfile.start();
      double norm = adam.gradientNorm();
      if (!Double.isFinite(norm)) {
        failure = "the gradient norm became " + norm;
        return null;
      }
      float scale = config.gradClip() > 0 && norm > config.gradClip() ? (float) (config.gradClip() / norm) : 1f;
      adam.step(lr, scale);
      if (average != null) {
        average.update();
      }
      StepProfile.add(StepProfile.Part.OPTIMIZER, true, optimizerStart);
      if (stepStart != 0L) {
        StepProfile.stepDone(System.nanoTime() - stepStart);
      }
      return terms;
    }

    /** Why the last step did not update the weights. */
    String failure() {
      return failure;
    }

    /** The loss of a batch without recording gradients (validation). */
    double evaluate(Dataset batch, SplittableRandom random) {
      return batchStep.run(batch, random, 0, false).total();
    }

    /** Starts Adam's moments afresh (after a roll-back). */
    void resetOptimizer() {
      adam = new Adam(params.trainable(), config);
    }
  }

  /**
   * Epochs with a held-out validation split, learning rate halved on a plateau, early stop,
   * best weights restored; a non-finite loss rolls the weights back to the last good epoch
   * with half the learning rate instead of failing at once.
   */
  private final class EpochTraining {
    private static final int MAX_ROLLBACKS = 6;
    private static final int MIN_STEPS_PER_EPOCH = 32;
    private static final int MIN_BATCH = 16;
    private final String task;
    private final ParameterStore params;
    private final Objective objective;
    private final TrainingContext context;
    private final RowParallel parallel;
    private final TrainingRows train;
    private final TrainingRows validation;
    private final SplittableRandom random;

    EpochTraining(String task, ParameterStore params, TrainingRows data, Objective objective, TrainingContext context,
        RowParallel parallel, long splitSeed) {
      this.task = task;
      this.params = params;
      this.objective = objective;
      this.context = context;
      this.parallel = parallel;
      this.random = new SplittableRandom(context.seed());
      // with its own seed the split leaves the batch order's generator untouched
      TrainingRows.Split split = data.split(config.earlyStopping().validationFraction(),
          splitSeed == context.seed() ? random : new SplittableRandom(splitSeed), task);
      this.validation = split.validation();
      this.train = split.train();
    }

    TrainingHistory run() {
      EarlyStopping stop = config.earlyStopping();
      // small training sets get smaller batches so an epoch still has enough steps to learn from
      int batch = Math.min(config.batch(), Math.max(MIN_BATCH, train.size() / MIN_STEPS_PER_EPOCH));
      batch = Math.min(batch, train.size());
      int stepsPerEpoch = Math.max(1, train.size() / batch);
      double lr = config.lr();
      WeightAverage average = stop.weightAverage() > 0 ? new WeightAverage(params.trainable(), stop.weightAverage())
          : null;
      Step optimizerStep = new Step(params, objective, parallel, average);
      float[][] initial = snapshot();
      float[][] best = initial;
      float[][] lastGood = snapshot();
      double bestLoss = validationLoss(optimizerStep);
      double initialLoss = bestLoss;
      if (!Double.isFinite(bestLoss)) {
        throw new TrainingDivergedException(task + ": the validation loss of the initial network is " + bestLoss
            + "; check the training data's scale");
      }
      int sinceBest = 0;
      int bestEpoch = 0;
      int sinceDecay = 0;
      int rollbacks = 0;
      int step = 0;
      List<Integer> epochs = new ArrayList<>();
      Map<String, List<Double>> curves = new LinkedHashMap<>();
      TrainingRows.RowCursor cursor = train.cursor(random);
      int epoch = 0;
      while (epoch < stop.maxEpochs()) {
        cursor.newPass();
        double trainSum = 0;
        boolean diverged = false;
        for (int b = 0; b < stepsPerEpoch; b++) {
          BatchStep.Terms terms = optimizerStep.run(cursor.next(batch), random, step, lr);
          if (terms == null) {
            diverged = true;
            break;
          }
          trainSum += terms.total();
          step++;
        }
        // the average is what gets validated, kept and restored; the iterates go on from their own
        float[][] iterates = null;
        if (average != null && !diverged) {
          iterates = snapshot();
          restore(average.values());
        }
        double valLoss = diverged ? Double.NaN : validationLoss(optimizerStep);
        if (!Double.isFinite(valLoss)) {
          if (++rollbacks > MAX_ROLLBACKS) {
            throw new TrainingDivergedException(task + ": the loss stayed non-finite after " + MAX_ROLLBACKS
                + " roll-backs with halved learning rates (now " + lr + "); lower lr or check the data");
          }
          restore(lastGood);
          if (average != null) {
            average.reset();
          }
          lr /= 2;
          optimizerStep.resetOptimizer();
          context.progress().update(task, epoch, projectedStop(epoch, sinceBest), "non-finite loss: rolled back, lr "
              + lr);
          continue;
        }
        epoch++;
        lastGood = snapshot();
        if (iterates != null) {
          restore(iterates);
        }
        epochs.add(step);
        curves.computeIfAbsent("train", k -> new ArrayList<>()).add(trainSum / stepsPerEpoch);
        curves.computeIfAbsent("validation", k -> new ArrayList<>()).add(valLoss);
        if (valLoss < bestLoss - 1e-6 * Math.abs(bestLoss)) {
          bestLoss = valLoss;
          best = lastGood;
          bestEpoch = epoch;
          sinceBest = 0;
          sinceDecay = 0;
        } else {
          sinceBest++;
          sinceDecay++;
        }
        if (sinceBest >= stop.patience() || epoch >= stop.maxEpochs()) {
          break;
        }
        // the total is the epoch at which the stopping rule ends training if the validation loss
        // does not improve again: it moves out with every improvement, up to max_epochs
        int stopsAt = projectedStop(epoch, sinceBest);
        context.progress().update(task, epoch, stopsAt, String.format(Locale.ROOT, "validation %.4g (train %.4g), best"
            + " %.4g at epoch %d; %s", valLoss, trainSum / stepsPerEpoch, bestLoss, bestEpoch,
            stopsAt >= stop.maxEpochs() ? "stops at max_epochs " + stop.maxEpochs()
                : "stops at epoch " + stopsAt + " unless it improves"));
        if (sinceDecay >= Math.max(1, stop.patience() / 2)) {
          lr /= 2;
          sinceDecay = 0;
        }
      }
      if (best == initial) {
        // the initial weights restored and saved would pass for a trained model
        throw new TrainingDivergedException(String.format(java.util.Locale.ROOT, "%s: no epoch of %d improved on the"
            + " initial network's validation loss %.4g (the epochs' losses: %s), so there is no trained model;"
            + " the training diverged: lower lr (now %s)", task, epoch, initialLoss,
            curves.getOrDefault("validation", List.of()).stream().map(v -> String.format(java.util.Locale.ROOT, "%.4g", v))
                .collect(java.util.stream.Collectors.joining(", ")), config.lr()));
      }
      restore(best);
      context.progress().update(task, epoch, epoch, String.format(Locale.ROOT, "stopped after %d epochs (%s), best"
          + " validation loss %.4g at epoch %d", epoch, sinceBest >= stop.patience() ? "no improvement for "
          + stop.patience() + " epochs" : "max_epochs reached", bestLoss, bestEpoch));
      return new TrainingHistory(List.copyOf(epochs), curves);
    }

    /** The epoch at which training stops if the validation loss does not improve again. */
    private int projectedStop(int epoch, int sinceBest) {
      EarlyStopping stop = config.earlyStopping();
      return Math.min(stop.maxEpochs(), epoch + stop.patience() - sinceBest);
    }

    /** Mean weighted loss over the validation split, in batches, without recording. */
    private double validationLoss(Step optimizerStep) {
      double[] sum = {0};
      // a fixed generator so that stochastic objectives compare epochs on equal terms
      SplittableRandom fixed = new SplittableRandom(context.seed() ^ 0x7F4A7C15L);
      validation.forEachBlock(1024, block -> {
        if (Double.isFinite(sum[0])) {
          sum[0] += optimizerStep.evaluate(block, fixed) * block.size();
        }
      });
      return Double.isFinite(sum[0]) ? sum[0] / validation.size() : Double.NaN;
    }

    private float[][] snapshot() {
      List<dev.inn.core.param.ModelParameter> all = params.trainable();
      float[][] copy = new float[all.size()][];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = all.get(i).data().clone();
      }
      return copy;
    }

    private void restore(float[][] values) {
      List<dev.inn.core.param.ModelParameter> all = params.trainable();
      for (int i = 0; i < values.length; i++) {
        System.arraycopy(values[i], 0, all.get(i).data(), 0, values[i].length);
      }
    }
  }

  /**
   * Refuses training data holding NaN or infinity, naming the row and column; methods call it
   * before standardising, which would spread one bad value over its whole column.
   */
  public static void checkFinite(String task, Dataset data) {
    int bad = data.x().firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(task + ": training parameters x contain " + data.x().data()[bad]
          + " at row " + bad / data.x().cols() + ", column " + bad % data.x().cols());
    }
    bad = data.y().firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(task + ": training observations y contain " + data.y().data()[bad]
          + " at row " + bad / data.y().cols() + ", column " + bad % data.y().cols());
    }
  }
}
