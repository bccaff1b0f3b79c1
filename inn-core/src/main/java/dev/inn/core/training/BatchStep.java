package dev.inn.core.training;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.training.Objective;
import dev.inn.api.training.StagedObjective;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.autodiff.WeightTransposes;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ModelParameter;
import dev.inn.core.profile.StepProfile;
import dev.inn.core.profile.StepProfile.Part;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One batch's loss and, when asked, its gradients in the parameters' buffers. A batch of an
 * objective that is separable over rows is cut into shards of a size fixed by the batch
 * alone (never by the thread count); each shard runs forward and backward in its own graph
 * with its own gradient buffers, the shards spread over the threads, and the gradients are
 * summed shard by shard in index order. So the numbers are the same for any thread count.
 * A {@link StagedObjective} (per-row network passes, then losses such as an MMD that couple
 * the rows) is cut the same way: the shards' row stages at once, the batch stage once on their
 * gathered outputs, each shard's backward seeded with its rows of that stage's gradient.
 * Other objectives run as one graph whose large operations split rows over the threads.
 * Pools and buffers live as long as the trainer, so the steady state allocates no arrays.
 */
final class BatchStep {

  /** Rows per shard; a batch of fewer than two shards' rows is not split. */
  static final int SHARD_ROWS = 64;
  // two shards use both cores of the machines this runs on; each more shard costs about 7 %
  // more CPU per step (measured: 1 shard 5.9 ms, 2 shards 6.5 ms, 4 shards 6.9 ms on the cINN
  // benchmark), and the count must not follow the thread count, or the numbers would
  private static final int MAX_SHARDS = 2;
  private static final RowParallel SERIAL = new RowParallel(1);

  /** The terms' names, weights and values (weighted means over the batch's rows). */
  record Terms(List<String> names, double[] weights, double[] values) {
    /** The weighted sum, NaN when a term is not finite. */
    double total() {
      double s = 0;
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          return Double.NaN;
        }
        s += weights[i] * values[i];
      }
      return s;
    }

    /** The first term that is not finite, or -1. */
    int firstNonFinite() {
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          return i;
        }
      }
      return -1;
    }
  }

  private final List<ModelParameter> trainable;
  private final Objective objective;
  // the threads in use: all of them or one, whichever ran the first gradient steps faster
  private RowParallel parallel;
  private final ThreadUseTrial trial;
  private final ArrayPool pool = new ArrayPool();
  private final WeightTransposes transposes = new WeightTransposes();
  private final List<ArrayPool> shardPools = new ArrayList<>();
  private final List<Map<ModelParameter, float[]>> shardGradients = new ArrayList<>();

  BatchStep(List<ModelParameter> trainable, Objective objective, RowParallel parallel) {
    this.trainable = trainable;
    this.objective = objective;
    this.parallel = parallel;
    this.trial = new ThreadUseTrial(parallel, SERIAL);
  }

  /** How many shards a batch of n rows is cut into (1: not split). */
  static int shards(int n) {
    return Math.max(1, Math.min(MAX_SHARDS, n / SHARD_ROWS));
  }

  /**
   * The terms' values on {@code batch}; with {@code gradients}, the parameters' gradient
   * buffers hold their gradient afterwards (overwritten), unless a term is not finite.
   */
  Terms run(Dataset batch, SplittableRandom random, int step, boolean gradients) {
    if (!gradients) {
      parallel = trial.chosen();
      return runOn(batch, random, step, false);
    }
    parallel = trial.next();
    long t0 = System.nanoTime();
    Terms terms = runOn(batch, random, step, true);
    trial.took(parallel, System.nanoTime() - t0);
    return terms;
  }

  private Terms runOn(Dataset batch, SplittableRandom random, int step, boolean gradients) {
    if (shards(batch.size()) > 1) {
      if (objective instanceof StagedObjective staged) {
        return staged(staged, batch, random, step, gradients);
      }
      if (objective.separableOverRows()) {
        return sharded(batch, random, step, gradients);
      }
    }
    return whole(batch, random, step, gradients);
  }

  /**
   * A staged objective: the shards' row stages at once, each in its own graph; the batch stage
   * once on their gathered outputs (its large operations split over rows); then each shard's
   * back-propagation seeded with its rows of the batch stage's gradient and its row terms'
   * weights; the shards' gradients summed in index order.
   */
  private Terms staged(StagedObjective staged, Dataset batch, SplittableRandom random, int step, boolean gradients) {
    int shards = shards(batch.size());
    ensureShards(shards);
    try {
      return stagedInPools(staged, batch, random, step, gradients, shards);
    } finally {
      // the gathered outputs and seeds live in these pools until every shard has run backward
      for (int s = 0; s < shards; s++) {
        shardPools.get(s).releaseAll();
      }
      pool.releaseAll();
    }
  }

  private Terms stagedInPools(StagedObjective staged, Dataset batch, SplittableRandom random, int step,
      boolean gradients, int shards) {
    int n = batch.size();
    long t0 = StepProfile.start();
    StagedObjective.Stages stages = staged.prepare(batch, random, step);
    StepProfile.add(Part.OBJECTIVE_REST, false, t0);
    newTransposes(gradients);
    Graph[] graphs = new Graph[shards];
    StagedObjective.RowStage[] rowStages = new StagedObjective.RowStage[shards];
    parallel.each(shards, s -> {
      long ts = StepProfile.start();
      ArrayPool shardPool = shardPools.get(s);
      graphs[s] = gradients ? new Graph(shardPool, SERIAL, shardGradients.get(s), transposes)
          : new Graph(shardPool, SERIAL, false);
      rowStages[s] = stages.rows(graphs[s], bound(s, shards, n), bound(s + 1, shards, n));
      StepProfile.add(Part.OBJECTIVE_REST, false, ts);
    });
    long tb = StepProfile.start();
    // the batch stage may use no parameter: an empty gradient map makes one a clear error
    Graph batchGraph = gradients ? new Graph(pool, parallel, Map.of(), transposes) : new Graph(pool, parallel, false);
    int outputs = rowStages[0].outputs().size();
    List<Tensor> gathered = new ArrayList<>(outputs);
    for (int k = 0; k < outputs; k++) {
      List<Tensor> parts = new ArrayList<>(shards);
      for (StagedObjective.RowStage r : rowStages) {
        parts.add(r.outputs().get(k));
      }
      gathered.add(batchGraph.gather(parts));
    }
    List<LossTerm> batchTerms = stages.batch(batchGraph, gathered);
    StepProfile.add(Part.OBJECTIVE_REST, false, tb);
    Terms total = stagedValues(stages, rowStages, batchTerms, n);
    if (gradients && total.firstNonFinite() < 0) {
      float[][] outputGradients = new float[outputs][];
      if (!batchTerms.isEmpty()) {
        long t1 = StepProfile.start();
        batchGraph.backward(weightedSum(batchGraph, batchTerms, 1.0));
        for (int k = 0; k < outputs; k++) {
          outputGradients[k] = batchGraph.gradient(gathered.get(k));
        }
        StepProfile.add(Part.BACKWARD_REST, true, t1);
      } else {
        for (int k = 0; k < outputs; k++) {
          outputGradients[k] = new float[n * gathered.get(k).cols()];
        }
      }
      parallel.each(shards, s -> {
        long ts = StepProfile.start();
        zeroShardGradients(s);
        int from = bound(s, shards, n);
        double share = (double) (bound(s + 1, shards, n) - from) / n;
        List<LossTerm> rowTerms = rowStages[s].terms();
        int roots = rowTerms.size() + outputs;
        Tensor[] tensors = new Tensor[roots];
        float[][] seeds = new float[roots][];
        int[] offsets = new int[roots];
        for (int i = 0; i < rowTerms.size(); i++) {
          tensors[i] = rowTerms.get(i).value();
          seeds[i] = new float[] {(float) (rowTerms.get(i).weight() * share)};
        }
        for (int k = 0; k < outputs; k++) {
          Tensor out = rowStages[s].outputs().get(k);
          tensors[rowTerms.size() + k] = out;
          seeds[rowTerms.size() + k] = outputGradients[k];
          offsets[rowTerms.size() + k] = from * out.cols();
        }
        graphs[s].backward(tensors, seeds, offsets);
        StepProfile.add(Part.BACKWARD_REST, true, ts);
      });
      long ts = StepProfile.start();
      sumGradients(shards);
      StepProfile.add(Part.GRADIENT_SUM, true, ts);
    }
    return total;
  }

  /** The row terms (share-weighted sums over the shards) and the batch terms, in the objective's order. */
  private static Terms stagedValues(StagedObjective.Stages stages, StagedObjective.RowStage[] rowStages,
      List<LossTerm> batchTerms, int n) {
    List<LossTerm> rowTerms = rowStages[0].terms();
    int shards = rowStages.length;
    List<LossTerm> all = new ArrayList<>(rowTerms);
    all.addAll(batchTerms);
    double[] raw = new double[all.size()];
    for (int s = 0; s < shards; s++) {
      double share = (double) (bound(s + 1, shards, n) - bound(s, shards, n)) / n;
      List<LossTerm> terms = rowStages[s].terms();
      for (int i = 0; i < terms.size(); i++) {
        raw[i] += share * terms.get(i).value().scalar();
      }
    }
    for (int i = 0; i < batchTerms.size(); i++) {
      raw[rowTerms.size() + i] = batchTerms.get(i).value().scalar();
    }
    List<LossTerm> ordered = stages.inOrder(rowTerms, batchTerms);
    List<String> names = new ArrayList<>(ordered.size());
    double[] weights = new double[ordered.size()];
    double[] values = new double[ordered.size()];
    for (int i = 0; i < ordered.size(); i++) {
      int at = indexOf(all, ordered.get(i));
      names.add(all.get(at).name());
      weights[i] = all.get(at).weight();
      values[i] = raw[at];
    }
    return new Terms(names, weights, values);
  }

  private static int indexOf(List<LossTerm> terms, LossTerm term) {
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i) == term) {
        return i;
      }
    }
    throw new IllegalStateException("the objective's term order names a term of neither stage: " + term.name());
  }

  /** New weights: the shards' backward passes will need the transposes, made here on all threads at once. */
  private void newTransposes(boolean gradients) {
    if (!gradients) {
      transposes.newStep();
      return;
    }
    long t0 = StepProfile.start();
    transposes.newStep(parallel);
    StepProfile.add(Part.COPIES, true, t0);
  }

  private Terms whole(Dataset batch, SplittableRandom random, int step, boolean gradients) {
    long t0 = StepProfile.start();
    transposes.newStep();
    Graph graph = gradients ? new Graph(pool, parallel, null, transposes) : new Graph(pool, parallel, false);
    List<LossTerm> terms = objective.terms(graph, batch, random, step);
    Terms values = values(terms, 1.0);
    StepProfile.add(Part.OBJECTIVE_REST, false, t0);
    if (gradients && values.firstNonFinite() < 0) {
      for (ModelParameter p : trainable) {
        java.util.Arrays.fill(p.gradient(), 0f);
      }
      long t1 = StepProfile.start();
      graph.backward(weightedSum(graph, terms, 1.0));
      StepProfile.add(Part.BACKWARD_REST, true, t1);
    }
    pool.releaseAll();
    return values;
  }

  private Terms sharded(Dataset batch, SplittableRandom random, int step, boolean gradients) {
    int n = batch.size();
    int shards = shards(n);
    ensureShards(shards);
    // every shard gets its own generator, split off in index order before any runs
    SplittableRandom[] randoms = new SplittableRandom[shards];
    for (int s = 0; s < shards; s++) {
      randoms[s] = random.split();
    }
    Terms[] parts = new Terms[shards];
    newTransposes(gradients);
    long t0 = StepProfile.start();
    parallel.each(shards, s -> {
      int from = bound(s, shards, n);
      int to = bound(s + 1, shards, n);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      ArrayPool shardPool = shardPools.get(s);
      Map<ModelParameter, float[]> grads = shardGradients.get(s);
      long ts = StepProfile.start();
      Graph graph = gradients ? new Graph(shardPool, SERIAL, grads, transposes) : new Graph(shardPool, SERIAL, false);
      List<LossTerm> terms = objective.terms(graph, batch.select(rows), randoms[s], step);
      double share = (double) rows.length / n;
      parts[s] = values(terms, share);
      StepProfile.add(Part.OBJECTIVE_REST, false, ts);
      if (gradients && parts[s].firstNonFinite() < 0) {
        zeroShardGradients(s);
        long tb = StepProfile.start();
        graph.backward(weightedSum(graph, terms, share));
        StepProfile.add(Part.BACKWARD_REST, true, tb);
      }
      shardPool.releaseAll();
    });
    Terms first = parts[0];
    double[] values = new double[first.values().length];
    for (Terms p : parts) {
      for (int i = 0; i < values.length; i++) {
        values[i] += p.values()[i];
      }
    }
    Terms total = new Terms(first.names(), first.weights(), values);
    if (gradients && total.firstNonFinite() < 0) {
      long ts = StepProfile.start();
      sumGradients(shards);
      StepProfile.add(Part.GRADIENT_SUM, true, ts);
    }
    return total;
  }

  // shard borders on multiples of 4 rows where possible, so the matrix kernel's 4-row blocks stay whole
  private static int bound(int s, int shards, int n) {
    if (s == shards) {
      return n;
    }
    int blocks = n / 4;
    return 4 * (int) ((long) blocks * s / shards);
  }

  /**
   * Parameter gradient = shard 0 + shard 1 + ... in that order; shard 0 accumulated straight
   * into the parameters' buffers, so only the later shards' buffers are read here (each more
   * buffer pass is memory traffic between the cores); parameters split over the threads.
   */
  private void sumGradients(int shards) {
    int count = trainable.size();
    parallel.each(Math.min(count, 8), part -> {
      for (int i = part; i < count; i += 8) {
        ModelParameter p = trainable.get(i);
        float[] g = p.gradient();
        for (int s = 1; s < shards; s++) {
          float[] gs = shardGradients.get(s).get(p);
          for (int j = 0; j < g.length; j++) {
            g[j] += gs[j];
          }
        }
      }
    });
  }

  /** Zeroes the gradient buffers shard s accumulates into (shard 0: the parameters' own). */
  private void zeroShardGradients(int s) {
    if (s == 0) {
      for (ModelParameter p : trainable) {
        java.util.Arrays.fill(p.gradient(), 0f);
      }
    } else {
      for (float[] g : shardGradients.get(s).values()) {
        java.util.Arrays.fill(g, 0f);
      }
    }
  }

  /** Pools for every shard, gradient buffers for shards 1 and later (shard 0 has null: the parameters' own). */
  private void ensureShards(int shards) {
    while (shardPools.size() < shards) {
      shardPools.add(new ArrayPool());
      if (shardGradients.isEmpty()) {
        shardGradients.add(null);
        continue;
      }
      Map<ModelParameter, float[]> grads = new IdentityHashMap<>();
      for (ModelParameter p : trainable) {
        grads.put(p, new float[p.gradient().length]);
      }
      shardGradients.add(grads);
    }
  }

  private static Terms values(List<LossTerm> terms, double share) {
    List<String> names = new ArrayList<>(terms.size());
    double[] weights = new double[terms.size()];
    double[] values = new double[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      LossTerm t = terms.get(i);
      names.add(t.name());
      weights[i] = t.weight();
      values[i] = share * t.value().scalar();
    }
    return new Terms(names, weights, values);
  }

  /** share * sum of weight * term, the tensor to back-propagate. */
  private static Tensor weightedSum(Graph graph, List<LossTerm> terms, double share) {
    Tensor total = null;
    for (LossTerm term : terms) {
      Tensor weighted = graph.scale(term.value(), (float) (term.weight() * share));
      total = total == null ? weighted : graph.add(total, weighted);
    }
    return total;
  }
}
