package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    if (data.size() < 2) {
      throw new IllegalArgumentException(task + ": need at least 2 training pairs, got " + data.size());
    }
    checkFinite(task, data);
    SplittableRandom random = new SplittableRandom(context.seed());
    Adam adam = new Adam(params.trainable(), config);
    ArrayPool pool = new ArrayPool();
    int batch = Math.min(config.batch(), data.size());
    int[] order = identity(data.size());
    int cursor = data.size();
    List<Integer> steps = new ArrayList<>();
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    Map<String, Double> window = new LinkedHashMap<>();
    int inWindow = 0;
    int[] rows = new int[batch];
    for (int step = 0; step < config.steps(); step++) {
      for (int r = 0; r < batch; r++) {
        if (cursor == order.length) {
          shuffle(order, random);
          cursor = 0;
        }
        rows[r] = order[cursor++];
      }
      Dataset b = data.select(rows);
      Graph graph = new Graph(pool, parallel, true);
      List<LossTerm> terms = objective.terms(graph, b, random, step);
      Tensor total = null;
      for (LossTerm term : terms) {
        float value = term.value().scalar();
        if (!Float.isFinite(value)) {
          throw new TrainingDivergedException(task + ": loss term " + term.name() + " became " + value + " at step "
              + step + " of " + config.steps() + " (learning rate " + config.learningRate(step)
              + "); lower lr, raise clamping, or enable grad_clip");
        }
        window.merge(term.name(), (double) value, Double::sum);
        Tensor weighted = graph.scale(term.value(), (float) term.weight());
        total = total == null ? weighted : graph.add(total, weighted);
      }
      inWindow++;
      adam.zeroGradients();
      graph.backward(total);
      float scale = 1f;
      if (config.gradClip() > 0) {
        double norm = adam.gradientNorm();
        if (norm > config.gradClip()) {
          scale = (float) (config.gradClip() / norm);
        }
      }
      adam.step(config.learningRate(step), scale);
      pool.releaseAll();
      if ((step + 1) % config.logEvery() == 0 || step == config.steps() - 1) {
        steps.add(step + 1);
        StringBuilder msg = new StringBuilder();
        for (Map.Entry<String, Double> e : window.entrySet()) {
          double mean = e.getValue() / inWindow;
          curves.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(mean);
          msg.append(e.getKey()).append('=').append(String.format("%.4g", mean)).append(' ');
        }
        window.clear();
        inWindow = 0;
        context.progress().update(task, step + 1, config.steps(), msg.toString().trim());
      }
    }
    return new TrainingHistory(List.copyOf(steps), curves);
  }

  private static void checkFinite(String task, Dataset data) {
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

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
