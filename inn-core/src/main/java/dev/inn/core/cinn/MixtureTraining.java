package dev.inn.core.cinn;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.ProgressListener;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.training.Objective;
import dev.inn.api.training.ValidationSplit;
import dev.inn.core.training.GraphMethodToolkit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a cINN's mixture: {@code ensemble} flows per subnet width, differing in their initial
 * weights and batch order, each trained on the same pairs with the same validation split; the
 * mixture weights maximise the validation likelihood ({@link MixtureWeights}) and flows of
 * negligible weight are dropped.
 */
final class MixtureTraining {

  /** Flows whose mixture weight falls below this are dropped: they cost time and add nothing. */
  private static final double MIN_WEIGHT = 1e-3;

  /**
   * What training gave.
   *
   * @param mixture the kept flows and their weights
   * @param heaviest the index in the mixture of the flow of the largest weight
   * @param scaled the training pairs in the flows' standardised unbounded coordinates
   * @param history the training curves (of every flow, named as such, for a mixture)
   */
  record Trained(FlowMixture mixture, int heaviest, Dataset scaled, TrainingHistory history) {}

  private final FlowContext context;

  MixtureTraining(FlowContext context) {
    this.context = context;
  }

  /** The subnet widths to train: {@code hidden}, or the automatic ones. */
  private int[] widths() {
    CinnConfig config = context.config();
    return config.hidden() > 0 ? new int[] {config.hidden()}
        : config.optimizer().stopsEarly() ? CinnConfig.AUTO_WIDTHS : new int[] {CinnConfig.AUTO_WIDTHS[1]};
  }

  Trained train(Dataset data, TrainingContext training) {
    CinnConfig config = context.config();
    GraphMethodToolkit kit = context.kit();
    int[] widths = widths();
    Matrix u = context.support().toUnbounded(data.x());
    Dataset scaled = null;
    List<CinnFlow> trained = new ArrayList<>();
    List<TrainingHistory> histories = new ArrayList<>();
    int flowsInAll = widths.length * config.ensemble();
    for (int w : widths) {
      for (int member = 0; member < config.ensemble(); member++) {
        // the first flow of a width starts from the training seed, so a one-flow cINN is the plain
        // flow; the others differ in initial weights and batch order, not in the validation rows
        long seed = training.seed() + member * 0x9E3779B97F4A7C15L;
        CinnFlow flow = new CinnFlow(context, seed, w);
        if (config.standardize()) {
          kit.fitStandardizers(u, data.y(), data.lengths());
        }
        if (scaled == null) {
          scaled = kit.scale(data);
        }
        flow.initialize(scaled, training.seed());
        // the likelihood is a mean over rows, so batches can be split over the cores
        // each flow of a mixture is its own stage of the progress, named as such
        String label = flowsInAll == 1 ? "" : String.format(Locale.ROOT, ", flow %d of %d",
            trained.size() + 1, flowsInAll);
        ProgressListener progress = label.isEmpty() ? training.progress()
            : (task, done, total, message) -> training.progress().update(task + label, done, total, message);
        histories.add(kit.train(flow.params, scaled, Objective.separableOverRows(flow::terms), config.optimizer(),
            new TrainingContext(seed, progress), training.seed()));
        flow.checkHealth(scaled);
        trained.add(flow);
      }
    }
    double[] weights = mixtureWeights(trained, scaled, training.seed());
    List<CinnFlow> kept = new ArrayList<>();
    List<Double> keptWeights = new ArrayList<>();
    int heaviest = 0;
    double total = 0;
    for (int k = 0; k < trained.size(); k++) {
      if (weights[k] >= MIN_WEIGHT) {
        kept.add(trained.get(k));
        keptWeights.add(weights[k]);
        total += weights[k];
      }
      heaviest = weights[k] > weights[heaviest] ? k : heaviest;
    }
    double[] logWeights = new double[kept.size()];
    StringBuilder described = new StringBuilder();
    for (int k = 0; k < kept.size(); k++) {
      logWeights[k] = Math.log(keptWeights.get(k) / total);
      described.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f (width %d)",
          keptWeights.get(k) / total, kept.get(k).width));
    }
    if (trained.size() > 1) {
      training.progress().update("train cinn, mixture", 1, 1, "mixture of " + kept.size() + " flows, weights "
          + described + " by validation likelihood");
    }
    return new Trained(new FlowMixture(kept, logWeights), kept.indexOf(trained.get(heaviest)), scaled,
        histories.size() == 1 ? histories.get(0) : everyFlow(histories, weights));
  }

  /**
   * Mixture weights of the trained flows: maximum likelihood on the trainer's validation split,
   * which no flow trained on; equal weights when training keeps no validation split.
   */
  private double[] mixtureWeights(List<CinnFlow> trained, Dataset scaled, long seed) {
    int k = trained.size();
    double[] equal = new double[k];
    java.util.Arrays.fill(equal, 1.0 / k);
    CinnConfig config = context.config();
    if (k == 1 || !config.optimizer().stopsEarly()) {
      return equal;
    }
    Dataset validation = scaled.select(ValidationSplit.of(scaled.size(),
        config.optimizer().validationFraction(), seed).heldOut());
    double[][] logDensity = new double[k][];
    for (int f = 0; f < k; f++) {
      logDensity[f] = trained.get(f).logDensities(validation.x(), validation.y(), validation.lengths());
    }
    return MixtureWeights.fit(logDensity);
  }

  /**
   * The curves of every flow of a mixture in one history ("flow 2 (weight 0.31) validation"):
   * the flows train on the same batches per epoch, so the longest flow's steps serve all of them.
   */
  private static TrainingHistory everyFlow(List<TrainingHistory> histories, double[] weights) {
    List<Integer> steps = List.of();
    Map<String, List<Double>> terms = new LinkedHashMap<>();
    for (int k = 0; k < histories.size(); k++) {
      TrainingHistory h = histories.get(k);
      if (h.steps().size() > steps.size()) {
        steps = h.steps();
      }
      String flow = String.format(Locale.ROOT, "flow %d (weight %.2f) ", k + 1, weights[k]);
      h.terms().forEach((term, values) -> terms.put(flow + term, values));
    }
    return new TrainingHistory(steps, terms);
  }
}
