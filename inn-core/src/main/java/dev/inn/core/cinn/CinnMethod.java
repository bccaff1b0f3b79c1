package dev.inn.core.cinn;

import dev.inn.core.method.LearnedMethod;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.DataInitialized;
import dev.inn.api.block.Transformed;
import dev.inn.api.block.UnconditionedBlock;
import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.SupportTransform;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.core.random.GaussianNoise;
import dev.inn.api.training.Objective;
import dev.inn.core.training.TrainingDivergedException;
import dev.inn.losses.likelihood.StandardNormalLikelihood;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The conditional INN: an invertible map x <-> z (dim z = dim x) whose coupling subnets all
 * see h(y), trained by maximum likelihood (mean of 0.5 |z|^2 - log|det J|), so it needs no
 * MMD and no loss weights. Posterior samples are one batched inverse pass on z ~ N(0, I);
 * the density q(x | y) is exact by the change of variables.
 */
public final class CinnMethod extends LearnedMethod implements PosteriorDensity {

  /** Rows per inverse pass when sampling: a chunk's intermediates stay in cache. */
  private static final int SAMPLE_CHUNK = 512;

  /** Rows used for ActNorm's data-dependent initialisation. */
  private static final int INIT_ROWS = 1024;

  private final CinnConfig config;
  private final String problemName;
  private final int dx;
  private final int dy;
  private final PluginLookup registry;
  private final SupportTransform support;
  private ParameterStore params;
  private ConditionNetwork conditionNet;
  private List<ConditionalBlock> blocks;
  // the subnets' width in use: the setting, or the one training chose (hidden = 0)
  private int width;

  public CinnMethod(Problem problem, Settings settings, PluginLookup registry) {
    super("cinn", problem, CinnConfig.from(settings).optimizer().threads());
    this.config = CinnConfig.from(settings);
    this.problemName = problem.name();
    this.dx = problem.parameterDim();
    this.dy = problem.observationDim();
    this.registry = registry;
    if (dx < 2) {
      throw new ConfigurationException("cinn: problem '" + problem.name() + "' has " + dx
          + " parameter; coupling blocks need at least 2");
    }
    this.support = supportTransform(problem, config.supportTransform());
    build(0, untrainedWidth());
  }

  /** The width before training has chosen one (and of model files written before widths were saved). */
  private int untrainedWidth() {
    return config.hidden() > 0 ? config.hidden() : CinnConfig.AUTO_WIDTHS[0];
  }

  /** Creates every part, with subnets {@code width} units wide, parameters initialised from {@code seed}. */
  private void build(long seed, int width) {
    this.width = width;
    params = new ParameterStore(seed);
    Parameters root = params.root();
    CinnPlugins plugins = CinnPlugins.resolve(config, registry);
    conditionNet = plugins.condition().plugin().create(dy, plugins.condition().settings(), root.scope("condition"));
    int cw = conditionNet.width();
    BlockProvider coupling = plugins.coupling().plugin();
    BlockProvider permutation = plugins.permutation().plugin();
    BlockProvider actNorm = plugins.actNorm().plugin();
    BlockSpec spec = new BlockSpec(dx, width, config.layers(), config.clamp(), config.activation(), 0f,
        plugins.coupling().settings());
    BlockSpec alternateSpec = plugins.alternate() == null ? null : new BlockSpec(dx, width, config.layers(),
        config.clamp(), config.activation(), 0f, plugins.alternate().settings());
    BlockSpec plain = new BlockSpec(dx, 1, 1, config.clamp(), config.activation(), 0f, Settings.empty());
    blocks = new ArrayList<>();
    for (int i = 0; i < config.blocks(); i++) {
      if (config.actNorm()) {
        blocks.add(actNorm.createConditional(plain, cw, root.scope("actnorm" + i)));
      }
      blocks.add(permutation.createConditional(
          new BlockSpec(dx, 1, 1, config.clamp(), config.activation(), 0f,
              plugins.permutation().settings()), cw, root.scope("perm" + i)));
      blocks.add(alternateSpec != null && i % 2 == 0
          ? plugins.alternate().plugin().createConditional(alternateSpec, cw, root.scope("coupling" + i))
          : coupling.createConditional(spec, cw, root.scope("coupling" + i)));
    }
    Parameters norm = root.scope("standardize");
    addStandardizers(norm);
  }

  /** Number of trainable weights. */
  public long parameterCount() {
    return params.trainableCount();
  }

  private Transformed forward(Ops ops, Tensor u, Tensor condition) {
    Tensor h = u;
    Tensor logDet = null;
    for (ConditionalBlock b : blocks) {
      Transformed t = b.forward(ops, h, condition);
      h = t.value();
      logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
    }
    return new Transformed(h, logDet);
  }

  private Tensor inverse(Ops ops, Tensor z, Tensor condition) {
    Tensor h = z;
    for (int i = blocks.size() - 1; i >= 0; i--) {
      h = blocks.get(i).inverse(ops, h, condition).value();
    }
    return h;
  }

  @Override
  public TrainingHistory train(Dataset data, TrainingContext context) {
    checkData(data);
    int[] widths = config.hidden() > 0 ? new int[] {config.hidden()}
        : config.optimizer().stopsEarly() ? CinnConfig.AUTO_WIDTHS : new int[] {CinnConfig.AUTO_WIDTHS[1]};
    TrainingHistory chosen = null;
    byte[] chosenWeights = null;
    int chosenWidth = 0;
    double chosenLoss = Double.POSITIVE_INFINITY;
    for (int w : widths) {
      TrainingHistory h = trainWidth(data, context, w);
      double loss = widths.length == 1 ? 0 : java.util.Collections.min(h.terms().get("validation"));
      if (chosen == null || loss < chosenLoss) {
        chosen = h;
        chosenLoss = loss;
        chosenWidth = w;
        chosenWeights = widths.length == 1 ? null : weights();
      }
    }
    if (chosenWidth != width) {
      build(context.seed(), chosenWidth);
      try {
        params.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(chosenWeights)));
      } catch (IOException e) {
        throw new IllegalStateException("cinn: could not restore the chosen network", e);
      }
    }
    if (widths.length > 1) {
      context.progress().update("cinn", 1, 1, String.format(java.util.Locale.ROOT,
          "subnet width %d chosen by validation loss %.4g", chosenWidth, chosenLoss));
    }
    return chosen;
  }

  /** Builds the network with subnets {@code w} wide and trains it on {@code data}. */
  private TrainingHistory trainWidth(Dataset data, TrainingContext context, int w) {
    build(context.seed(), w);
    Matrix u = support.toUnbounded(data.x());
    if (config.standardize()) {
      fitStandardizers(u, data.y());
    }
    Dataset scaled = new Dataset(xStandard().apply(u), yStandard().apply(data.y()));
    initialize(scaled, context.seed());
    // the likelihood is a mean over rows, so batches can be split over the cores
    TrainingHistory h = runTrainer(config.optimizer(), params, scaled, Objective.separableOverRows(this::terms), context);
    checkHealth(scaled);
    return h;
  }

  private byte[] weights() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      params.write(new java.io.DataOutputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /** The maximum-likelihood objective of one batch. */
  private List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    Tensor condition = conditionNet.apply(ops, ops.constant(batch.y()));
    Transformed t = forward(ops, ops.constant(batch.x()), condition);
    return List.of(new LossTerm("nll", 1.0, StandardNormalLikelihood.negativeLogLikelihood(ops, t.value(),
        t.logDet())));
  }

  /** Runs the first rows through the blocks in order, letting each data-initialised block set itself. */
  private void initialize(Dataset data, long seed) {
    int n = Math.min(INIT_ROWS, data.size());
    int[] rows = new SplittableRandom(seed ^ 0x1D1L).ints(n, 0, data.size()).toArray();
    Dataset batch = data.select(rows);
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, parallel(), false);
    Tensor condition = conditionNet.apply(g, g.constant(batch.y()));
    Tensor h = g.constant(batch.x());
    for (ConditionalBlock b : blocks) {
      DataInitialized init = b instanceof DataInitialized d ? d
          : b instanceof UnconditionedBlock ub && ub.block() instanceof DataInitialized d ? d : null;
      if (init != null) {
        init.initialize(h.value());
      }
      h = b.forward(g, h, condition).value();
    }
    pool.releaseAll();
  }

  /** After training: the density and the samples must be finite, or the model is not saved. */
  private void checkHealth(Dataset scaled) {
    int n = Math.min(256, scaled.size());
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    Dataset batch = scaled.select(rows);
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, parallel(), false);
    Tensor condition = conditionNet.apply(g, g.constant(batch.y()));
    Transformed t = forward(g, g.constant(batch.x()), condition);
    boolean densityOk = t.value().value().firstNonFinite() < 0 && t.logDet().value().firstNonFinite() < 0;
    Matrix z = GaussianNoise.draw(new SplittableRandom(1), n, dx, 1f);
    Matrix back = inverse(g, g.constant(z), condition).value();
    pool.releaseAll();
    if (!densityOk || back.firstNonFinite() >= 0) {
      throw new TrainingDivergedException("cinn on '" + problemName + "': after training the "
          + (densityOk ? "posterior samples" : "log-density") + " of training observations are not finite;"
          + " lower lr or grad_clip");
    }
  }

  private float[] checkedObservation(float[] observation) {
    checkRequest(observation, 0);
    return yStandard().apply(observation);
  }

  /** h(y*) for one standardised observation. */
  private float[] condition(float[] y) {
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, serial(), false);
    float[] h = conditionNet.apply(g, g.constant(new Matrix(1, dy, y))).value().data();
    pool.releaseAll();
    return h;
  }

  /** Observations beyond this many training standard deviations from the training mean are flagged. */
  private static final double RANGE_SDS = 6;

  @Override
  public List<String> outOfRange(float[] observation) {
    float[] z = checkedObservation(observation);
    List<String> out = new ArrayList<>();
    for (int c = 0; c < z.length; c++) {
      if (Math.abs(z[c]) > RANGE_SDS) {
        out.add(String.format(java.util.Locale.ROOT, "observation value %d (%s) is %.1f standard deviations from the"
            + " training observations' mean", c, observation[c], z[c]));
      }
    }
    return out;
  }

  @Override
  public synchronized Matrix sample(float[] observation, int n, long seed) {
    checkRequest(observation, n);
    float[] h = condition(yStandard().apply(observation));
    Matrix fullCondition = Matrix.repeatRow(h, Math.min(n, SAMPLE_CHUNK));
    return sampleInChunks(n, dx, dx, seed, SAMPLE_CHUNK, false, (g, z, unused) -> {
      int rows = z.rows();
      Matrix cond = rows == fullCondition.rows() ? fullCondition : fullCondition.rows(0, rows);
      Matrix u = inverse(g, g.constant(z), g.constant(cond)).value();
      return support.toSupport(xStandard().invert(u));
    });
  }

  @Override
  public synchronized double[] logDensity(float[] observation, Matrix x) {
    checkedObservation(observation);
    return logDensities(new Dataset(x, Matrix.repeatRow(observation, x.rows())));
  }

  /**
   * log q(x_i | y_i) for every pair (row i of {@code pairs.x()} given row i of
   * {@code pairs.y()}), in data units; negative infinity outside the prior's support.
   */
  public synchronized double[] logDensities(Dataset pairs) {
    Matrix x = pairs.x();
    if (x.cols() != dx || pairs.y().cols() != dy) {
      throw new IllegalArgumentException("cinn: pairs have x " + x.cols() + " and y " + pairs.y().cols()
          + " columns, the problem has " + dx + " and " + dy);
    }
    int bad = pairs.y().firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException("cinn: observation row " + bad / dy + " holds " + pairs.y().data()[bad]);
    }
    double[] out = new double[x.rows()];
    double[] supportJacobian = support.logAbsDetToUnbounded(x);
    double standardJacobian = 0;
    Matrix origin = xStandard().invert(Matrix.zeros(1, dx));
    Matrix unit = xStandard().invert(new Matrix(1, dx, filled(dx, 1f)));
    for (int c = 0; c < dx; c++) {
      standardJacobian -= Math.log(Math.abs(unit.get(0, c) - origin.get(0, c)));
    }
    double normal = -0.5 * dx * Math.log(2 * Math.PI);
    Matrix ys = yStandard().apply(pairs.y());
    double constant = normal + standardJacobian;
    int chunks = (x.rows() + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
    // threads take whole chunks; each row's value depends on its own chunk only
    parallel().run(chunks, Long.MAX_VALUE, (first, last) -> {
      ArrayPool pool = new ArrayPool();
      for (int k = first; k < last; k++) {
        int from = k * SAMPLE_CHUNK;
        int rows = Math.min(SAMPLE_CHUNK, x.rows() - from);
        Graph g = new Graph(pool, serial(), false);
        Matrix u = xStandard().apply(support.toUnbounded(x.rows(from, from + rows)));
        Tensor condition = conditionNet.apply(g, g.constant(ys.rows(from, from + rows)));
        Transformed t = forward(g, g.constant(u), condition);
        Matrix z = t.value().value();
        Matrix ld = t.logDet().value();
        for (int i = 0; i < rows; i++) {
          double sq = 0;
          for (int c = 0; c < dx; c++) {
            double v = z.get(i, c);
            sq += v * v;
          }
          out[from + i] = constant - 0.5 * sq + ld.get(i, 0) + supportJacobian[from + i];
        }
        pool.releaseAll();
      }
    });
    return out;
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public void save(DataOutput out) throws IOException {
    // the width first, as a negative number (a parameter count, which older files start with, is not)
    out.writeInt(-width);
    params.write(out);
  }

  @Override
  public void load(DataInput in) throws IOException {
    int first = in.readInt();
    if (first < 0) {
      build(0, -first);
      params.read(in);
    } else {
      build(0, untrainedWidth());
      params.read(in, first);
    }
  }
}
