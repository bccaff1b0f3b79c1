package dev.inn.core.cinn;

import dev.inn.api.block.BlockChain;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.Transformed;
import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.blocks.DataInitialization;
import dev.inn.core.observation.RaggedRows;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.random.GaussianNoise;
import dev.inn.core.training.GraphMethodToolkit;
import dev.inn.core.training.TrainingDivergedException;
import dev.inn.losses.likelihood.StandardNormalLikelihood;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One flow of a cINN: its own weights, condition network h(y) and chain of blocks (per unit
 * ActNorm, permutation and a coupling that sees h(y)), subnets {@code width} units wide. It works
 * in standardised unbounded coordinates; creating one also re-creates the method's
 * standardisers in its parameters (every flow is fitted to the same data, so the latest flow's
 * standardisers serve all).
 */
final class CinnFlow {

  /** Rows per pass when sampling or computing densities: a chunk's intermediates stay in cache. */
  static final int CHUNK = 512;

  final int width;
  final ParameterStore params;
  final ConditionNetwork conditionNet;
  private final BlockChain chain;
  private final FlowContext context;

  CinnFlow(FlowContext context, long seed, int width) {
    this.context = context;
    this.width = width;
    CinnConfig config = context.config();
    CinnPlugins plugins = context.plugins();
    int dx = context.dx();
    params = new ParameterStore(seed);
    Parameters root = params.root();
    conditionNet = plugins.condition().plugin().create(context.kit().shape(), dx, plugins.condition().settings(),
        root.scope("condition"));
    int cw = conditionNet.width();
    BlockSpec spec = new BlockSpec(dx, width, config.layers(), config.clamp(), config.activation(), 0f,
        plugins.coupling().settings());
    BlockSpec alternateSpec = plugins.alternate() == null ? null : new BlockSpec(dx, width, config.layers(),
        config.clamp(), config.activation(), 0f, plugins.alternate().settings());
    BlockSpec plain = new BlockSpec(dx, 1, 1, config.clamp(), config.activation(), 0f, Settings.empty());
    BlockSpec mixing = new BlockSpec(dx, 1, 1, config.clamp(), config.activation(), 0f,
        plugins.permutation().settings());
    BlockChain.Builder blocks = BlockChain.builder();
    for (int i = 0; i < config.blocks(); i++) {
      if (config.actNorm()) {
        blocks.add(plugins.actNorm().plugin().create(plain, root.scope("actnorm" + i)));
      }
      blocks.add(plugins.permutation().plugin().create(mixing, root.scope("perm" + i)));
      blocks.addConditional(alternateSpec != null && i % 2 == 0
          ? plugins.alternate().plugin().createConditional(alternateSpec, cw, root.scope("coupling" + i))
          : plugins.coupling().plugin().createConditional(spec, cw, root.scope("coupling" + i)));
    }
    chain = blocks.build();
    context.kit().addStandardizers(root.scope("standardize"));
  }

  /**
   * h(y) of standardised observations; sets and sequences cut to the batch's longest row first
   * (padding does not change h, and a batch of short sets should not pay for the longest).
   */
  Tensor summary(Ops ops, Matrix ys, int[] lengths) {
    if (lengths.length == 0) {
      return conditionNet.apply(ops, ops.constant(ys));
    }
    return conditionNet.apply(ops, ops.constant(RaggedRows.trim(ys, lengths, context.dy())), lengths);
  }

  /** The maximum-likelihood objective of one batch. */
  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    Tensor condition = summary(ops, batch.y(), batch.lengths());
    Transformed t = chain.forward(ops, ops.constant(batch.x()), condition);
    return List.of(new LossTerm("nll", 1.0, StandardNormalLikelihood.negativeLogLikelihood(ops, t.value(),
        t.logDet())));
  }

  /** Lets the chain's data-initialised blocks set themselves from the standardised training pairs. */
  void initialize(Dataset scaled, long seed) {
    DataInitialization.run(chain, scaled, seed, context.kit().parallel(), (ops, batch) -> ops.constant(batch.x()),
        (ops, batch) -> summary(ops, batch.y(), batch.lengths()));
  }

  /**
   * log N(z; 0, I) + log|det J| of standardised pairs (rows of {@code u} given rows of
   * {@code ys}), the log-density in standardised unbounded coordinates, chunk by chunk over the
   * threads.
   */
  double[] logDensities(Matrix u, Matrix ys, int[] lengths) {
    double[] out = new double[u.rows()];
    int chunks = (u.rows() + CHUNK - 1) / CHUNK;
    // threads take whole chunks; each row's value depends on its own chunk only
    context.kit().parallel().run(chunks, Long.MAX_VALUE, (first, last) -> {
      ArrayPool pool = new ArrayPool();
      for (int k = first; k < last; k++) {
        int from = k * CHUNK;
        int rows = Math.min(CHUNK, u.rows() - from);
        int[] chunkLengths = lengths.length == 0 ? lengths : java.util.Arrays.copyOfRange(lengths, from, from + rows);
        logDensities(new Graph(pool, GraphMethodToolkit.serial(), false), u.rows(from, from + rows),
            ys.rows(from, from + rows), chunkLengths, out, from);
        pool.releaseAll();
      }
    });
    return out;
  }

  private void logDensities(Ops ops, Matrix u, Matrix ys, int[] lengths, double[] out, int offset) {
    Tensor condition = summary(ops, ys, lengths);
    Transformed t = chain.forward(ops, ops.constant(u), condition);
    Matrix z = t.value().value();
    Matrix ld = t.logDet().value();
    int dx = context.dx();
    double normal = -0.5 * dx * Math.log(2 * Math.PI);
    for (int i = 0; i < u.rows(); i++) {
      double sq = 0;
      for (int c = 0; c < dx; c++) {
        double v = z.get(i, c);
        sq += v * v;
      }
      out[offset + i] = normal - 0.5 * sq + ld.get(i, 0);
    }
  }

  /** After training: the density and the samples must be finite, or the model is not saved. */
  void checkHealth(Dataset scaled) {
    int n = Math.min(256, scaled.size());
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    Dataset batch = scaled.select(rows);
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, context.kit().parallel(), false);
    Tensor condition = summary(g, batch.y(), batch.lengths());
    Transformed t = chain.forward(g, g.constant(batch.x()), condition);
    boolean densityOk = t.value().value().firstNonFinite() < 0 && t.logDet().value().firstNonFinite() < 0;
    Matrix z = GaussianNoise.draw(new SplittableRandom(1), n, context.dx(), 1f);
    Matrix back = chain.inverse(g, g.constant(z), condition).value().value();
    pool.releaseAll();
    if (!densityOk || back.firstNonFinite() >= 0) {
      throw new TrainingDivergedException("cinn on '" + context.problemName() + "': after training the "
          + (densityOk ? "posterior samples" : "log-density") + " of training observations are not finite;"
          + " lower lr or grad_clip");
    }
  }

  /** {@code n} posterior samples in data units for the standardised observation {@code ys}. */
  Matrix sample(float[] ys, int n, long seed) {
    float[] h = condition(ys);
    Matrix fullCondition = Matrix.repeatRow(h, Math.min(n, CHUNK));
    GraphMethodToolkit kit = context.kit();
    int dx = context.dx();
    return kit.sampleInChunks(n, dx, dx, seed, CHUNK, false, (g, z, unused) -> {
      int rows = z.rows();
      Matrix cond = rows == fullCondition.rows() ? fullCondition : fullCondition.rows(0, rows);
      Matrix u = chain.inverse(g, g.constant(z), g.constant(cond)).value().value();
      return context.support().toSupport(kit.xStandard().invert(u));
    });
  }

  /** h(y*) for one standardised observation (a set's or sequence's elements one after the other). */
  float[] condition(float[] y) {
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, GraphMethodToolkit.serial(), false);
    float[] h = context.kit().shape().ragged()
        ? conditionNet.apply(g, g.constant(new Matrix(1, y.length, y)), new int[] {y.length / context.dy()}).value()
            .data()
        : conditionNet.apply(g, g.constant(new Matrix(1, context.dy(), y))).value().data();
    pool.releaseAll();
    return h;
  }
}
