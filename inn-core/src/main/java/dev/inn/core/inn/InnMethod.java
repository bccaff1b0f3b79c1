package dev.inn.core.inn;

import dev.inn.api.method.LatentEncoder;
import dev.inn.api.method.ChunkedTraining;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.core.training.GraphMethodToolkit;
import dev.inn.api.block.BlockChain;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.PairChunks;
import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.api.training.StagedObjective;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.blocks.DataInitialization;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.Standardizer;
import dev.inn.core.param.SupportTransform;
import dev.inn.core.random.GaussianNoise;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.core.training.SampleHealth;
import dev.inn.losses.likelihood.StandardNormalLikelihood;
import dev.inn.losses.mmd.Mmd;
import dev.inn.losses.regression.SquaredError;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's method: an INN x -> [z, y] trained in both directions (L_y, L_z, L_x,
 * padding and reconstruction terms), sampled by one batched inverse pass on
 * [z ~ N(0, I), 0, y*].
 */
public final class InnMethod implements PosteriorMethod, ChunkedTraining, LatentEncoder {

  /** Rows per inverse pass when sampling. */
  private static final int SAMPLE_CHUNK = 256;

  private final InnConfig config;
  private final GraphMethodToolkit kit;
  private final InnLayout layout;
  private final InnPlugins plugins;
  private final Kernel forwardKernel;
  private final Kernel backwardKernel;
  private ParameterStore params;
  private BlockChain network;
  private final SupportTransform support;
  private boolean trained;

  public InnMethod(Problem problem, Settings settings, PluginLookup registry) {
    this(problem, InnConfig.from(settings), registry);
  }

  private InnMethod(Problem problem, InnConfig config, PluginLookup registry) {
    this.config = config;
    this.kit = new GraphMethodToolkit("inn", problem, config.optimizer().threads(), 0);
    int z = config.network().latentDim() > 0 ? config.network().latentDim() : problem.latentDim();
    this.layout = InnLayout.of(problem.parameterDim(), problem.observationDim(), z, config.network().width());
    this.plugins = InnPlugins.resolve(config, registry);
    this.forwardKernel = plugins.forwardKernel().plugin().create(plugins.forwardKernel().settings());
    this.backwardKernel = plugins.backwardKernel().plugin().create(plugins.backwardKernel().settings());
    this.support = kit.supportMap(problem, config.supportTransform());
    // x in the unbounded coordinates of the support, then both standardised
    kit.learnIn(raw -> new Dataset(kit.xStandard().apply(support.toUnbounded(raw.x())), kit.yStandard().apply(raw.y())));
    build(0);
  }

  /** Creates the network with parameters initialised from {@code seed}. */
  private void build(long seed) {
    params = new ParameterStore(seed);
    Parameters root = params.root();
    BlockProvider coupling = plugins.coupling().plugin();
    BlockProvider permutation = plugins.permutation().plugin();
    Settings blockSettings = plugins.couplingSettings();
    BlockSpec spec = new BlockSpec(layout.width(), config.network().hidden(), config.network().layers(), config.network().clamp(),
        config.network().activation(), config.network().initStd(), blockSettings);
    BlockSpec permSpec = new BlockSpec(layout.width(), 1, 1, config.network().clamp(), config.network().activation(), 0f, Settings.empty());
    BlockChain.Builder blocks = BlockChain.builder();
    for (int i = 0; i < config.network().blocks(); i++) {
      blocks.add(coupling.create(spec, root.scope("block" + i)));
      blocks.add(permutation.create(permSpec, root.scope("perm" + i)));
    }
    network = blocks.build();
    kit.addStandardizers(root.scope("standardize"));
  }

  public InnLayout layout() {
    return layout;
  }

  /** Number of trainable weights. */
  public long parameterCount() {
    return params.trainableCount();
  }

  @Override
  public TrainingHistory train(Dataset data, TrainingContext context) {
    kit.checkData(data);
    build(context.seed());
    if (config.standardize()) {
      kit.fitStandardizers(support.toUnbounded(data.x()), data.y(), new int[0]);
    }
    Dataset scaled = kit.scale(data);
    // padded with zeros as when sampling: a block normalising the padding's small noise to unit
    // variance would blow it up
    DataInitialization.run(network, scaled, context.seed(), kit.parallel(),
        (ops, batch) -> ops.constant(batch.x().concatColumns(Matrix.zeros(batch.size(), layout.xPad()))),
        (ops, batch) -> null);
    TrainingHistory h = kit.train(params, scaled, objective, config.optimizer(), context, context.seed());
    trained = true;
    checkHealth(data);
    return h;
  }


  /**
   * After training: posterior samples for a training observation must be finite and of sane
   * magnitude ({@link SampleHealth}), or the model is refused instead of saved.
   */
  private void checkHealth(Dataset data) {
    try {
      SampleHealth.check("inn", sample(data.y().row(0), 256, 1), data.x(),
          "lower lr (now " + config.optimizer().lr() + ") or set grad_clip");
    } catch (RuntimeException e) {
      trained = false;
      throw e;
    }
  }

  /** The bi-directional objective for one batch: L_y, L_pad, L_z, L_x and L_rec (see {@link InnConfig}). */
  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    return objective.terms(ops, batch, random, step);
  }

  /**
   * The objective in two stages: the network passes and the per-row terms (L_y, L_pad, L_rec,
   * a likelihood L_z) per row, the MMD terms (L_z, L_x) on the gathered outputs of the whole
   * batch, so the trainer can run the passes on shards of the batch at once.
   */
  private final StagedObjective objective = this::prepare;

  private StagedObjective.Stages prepare(Dataset batch, SplittableRandom random, int step) {
    InnConfig.Losses losses = config.losses();
    boolean mmdZ = losses.weightZ() > 0 && layout.z() > 0 && !config.likelihoodZ();
    boolean forwardNeeded = losses.weightY() > 0 || losses.weightPad() > 0 || losses.weightZ() > 0
        || losses.weightRec() > 0;
    boolean anyTerm = losses.weightY() > 0 || (losses.weightPad() > 0 && layout.zyPad() > 0)
        || (losses.weightZ() > 0 && layout.z() > 0) || losses.weightX() > 0 || losses.weightRec() > 0;
    if (!anyTerm) {
      throw new ConfigurationException("inn: every loss weight is zero, nothing to train");
    }
    return new BatchStages(batch, random, step, forwardNeeded, mmdZ);
  }

  /** One batch's noise (drawn for the whole batch, in a fixed order) and its two stages. */
  private final class BatchStages implements StagedObjective.Stages {
    private final Matrix xIn;
    private final Matrix yNoisy;
    private final Matrix zTarget;
    private final Matrix padTarget;
    private final Matrix recNoise;
    private final double ramp;
    private final boolean forwardNeeded;
    private final boolean mmdZ;

    BatchStages(Dataset batch, SplittableRandom random, int step, boolean forwardNeeded, boolean mmdZ) {
      int n = batch.size();
      int dz = layout.z();
      int dy = layout.y();
      xIn = batch.x().concatColumns(GaussianNoise.draw(random, n, layout.xPad(), config.noise().pad()));
      yNoisy = add(batch.y(), GaussianNoise.draw(random, n, dy, config.noise().y()));
      zTarget = GaussianNoise.draw(random, n, dz, 1f);
      padTarget = GaussianNoise.draw(random, n, layout.zyPad(), config.noise().pad());
      recNoise = config.losses().weightRec() > 0
          ? GaussianNoise.draw(random, n, dz, config.noise().recZ())
              .concatColumns(GaussianNoise.draw(random, n, layout.zyPad(), config.noise().pad()))
              .concatColumns(GaussianNoise.draw(random, n, dy, config.noise().recY()))
          : null;
      ramp = mmdRamp(step);
      this.forwardNeeded = forwardNeeded;
      this.mmdZ = mmdZ;
    }

    /** Outputs: the forward pass [z, pad, y] when L_z is an MMD, then x = g(z, pad, y) when L_x is on. */
    @Override
    public StagedObjective.RowStage rows(Ops ops, int from, int to) {
      InnConfig.Losses losses = config.losses();
      int w = layout.width();
      int dz = layout.z();
      int dy = layout.y();
      Tensor x = ops.constant(xIn.rows(from, to));
      List<LossTerm> terms = new ArrayList<>();
      List<Tensor> outputs = new ArrayList<>();
      Transformed forward = forwardNeeded ? network.forward(ops, x) : null;
      Tensor out = forward == null ? null : forward.value();
      if (losses.weightY() > 0) {
        terms.add(new LossTerm("L_y", losses.weightY(),
            SquaredError.loss(ops, ops.columns(out, w - dy, w), ops.constant(yNoisy.rows(from, to)))));
      }
      if (losses.weightPad() > 0 && layout.zyPad() > 0) {
        terms.add(new LossTerm("L_pad", losses.weightPad(),
            SquaredError.loss(ops, ops.columns(out, dz, w - dy), ops.constant(padTarget.rows(from, to)))));
      }
      if (losses.weightZ() > 0 && dz > 0 && config.likelihoodZ()) {
        terms.add(new LossTerm("L_z", losses.weightZ(),
            StandardNormalLikelihood.negativeLogLikelihood(ops, ops.columns(out, 0, dz), forward.logDet())));
      }
      if (mmdZ) {
        outputs.add(out);
      }
      if (losses.weightX() > 0) {
        Matrix inverseIn = zTarget.rows(from, to).concatColumns(padTarget.rows(from, to))
            .concatColumns(yNoisy.rows(from, to));
        outputs.add(network.inverse(ops, ops.constant(inverseIn)).value());
      }
      if (losses.weightRec() > 0) {
        Tensor recIn = ops.add(ops.detach(out), ops.constant(recNoise.rows(from, to)));
        Tensor rec = network.inverse(ops, recIn).value();
        terms.add(new LossTerm("L_rec", losses.weightRec(), SquaredError.loss(ops, rec, x)));
      }
      return new StagedObjective.RowStage(terms, outputs);
    }

    @Override
    public List<LossTerm> batch(Ops ops, List<Tensor> outputs) {
      InnConfig.Losses losses = config.losses();
      int w = layout.width();
      int dz = layout.z();
      int dy = layout.y();
      List<LossTerm> terms = new ArrayList<>();
      int next = 0;
      if (mmdZ) {
        Tensor out = outputs.get(next++);
        Tensor zy = ops.concatColumns(ops.columns(out, 0, dz), ops.detach(ops.columns(out, w - dy, w)));
        Tensor ref = ops.constant(zTarget.concatColumns(yNoisy));
        terms.add(new LossTerm("L_z", losses.weightZ() * ramp, Mmd.loss(ops, zy, ref, forwardKernel)));
      }
      if (losses.weightX() > 0) {
        Tensor xGen = outputs.get(next);
        Tensor x = ops.constant(xIn);
        Tensor lx;
        if (losses.backwardWeightSigma() > 0) {
          lx = Mmd.weightedLoss(ops, xGen, x, backwardKernel, ops.constant(pairWeights(yNoisy)));
        } else {
          lx = Mmd.loss(ops, xGen, x, backwardKernel);
        }
        terms.add(new LossTerm("L_x", losses.weightX() * ramp, lx));
      }
      return terms;
    }

    /** The paper's order: L_y, L_pad, L_z, L_x, L_rec. */
    @Override
    public List<LossTerm> inOrder(List<LossTerm> rowTerms, List<LossTerm> batchTerms) {
      List<LossTerm> all = new ArrayList<>();
      for (String name : List.of("L_y", "L_pad", "L_z", "L_x", "L_rec")) {
        for (LossTerm t : rowTerms) {
          if (t.name().equals(name)) {
            all.add(t);
          }
        }
        for (LossTerm t : batchTerms) {
          if (t.name().equals(name)) {
            all.add(t);
          }
        }
      }
      return all;
    }
  }

  /** The fade-in factor of the MMD terms at {@code step} (see {@link InnConfig}). */
  private double mmdRamp(int step) {
    double start = config.losses().mmdRampStart();
    // epochs with early stopping have no step horizon to ramp over: the MMD terms run at full weight
    if (start >= 1 || config.losses().mmdRampEnd() <= 0 || config.optimizer().stopsEarly()) {
      return 1;
    }
    double t = step / (config.losses().mmdRampEnd() * config.optimizer().steps());
    return t >= 1 ? 1 : Math.pow(start, 1 - t);
  }

  private Matrix pairWeights(Matrix y) {
    int n = y.rows();
    float[] w = new float[n * n];
    double s2 = 2 * config.losses().backwardWeightSigma() * config.losses().backwardWeightSigma();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = 0;
        for (int c = 0; c < y.cols(); c++) {
          double diff = y.get(i, c) - y.get(j, c);
          d += diff * diff;
        }
        w[i * n + j] = (float) Math.exp(-d / s2);
      }
    }
    return new Matrix(n, n, w);
  }

  private static Matrix add(Matrix a, Matrix b) {
    float[] d = new float[a.data().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.data()[i] + b.data()[i];
    }
    return new Matrix(a.rows(), a.cols(), d);
  }

  @Override
  public synchronized Matrix sample(float[] observation, int n, long seed) {
    kit.checkRequest(observation, n);
    float[] y = kit.yStandard().apply(observation);
    // small chunks keep a pass's intermediates in cache; threads take whole chunks, no hand-offs
    return kit.sampleInChunks(n, layout.x(), layout.z(), seed, SAMPLE_CHUNK, false, (g, z, unused) -> {
      int rows = z.rows();
      Matrix in = z.concatColumns(Matrix.zeros(rows, layout.zyPad())).concatColumns(Matrix.repeatRow(y, rows));
      return support.toSupport(
          kit.xStandard().invert(g.columns(network.inverse(g, g.constant(in)).value(), 0, layout.x()).value()));
    });
  }

  /**
   * The forward pass f(x) in data units for x and the network's own units for the outputs:
   * [z, zy_pad, y] per row (for latent-space maps and forward predictions).
   */
  public synchronized Matrix forward(Matrix x) {
    if (x.cols() != layout.x()) {
      throw new IllegalArgumentException("inn: x has " + x.cols() + " columns, the problem has " + layout.x());
    }
    ArrayPool pool = new ArrayPool();
    Graph g = new Graph(pool, kit.parallel(), false);
    Matrix in = kit.xStandard().apply(support.toUnbounded(x)).concatColumns(Matrix.zeros(x.rows(), layout.xPad()));
    Matrix out = network.forward(g, g.constant(in)).value().value();
    pool.releaseAll();
    return out;
  }

  @Override
  public List<String> outOfRange(float[] observation) {
    return kit.outOfRange(observation);
  }

  @Override
  public int latentDim() {
    return layout.z();
  }

  /** z = f_z(x) for every row of x (data units). */
  @Override
  public Matrix encode(Matrix x) {
    return forward(x).columns(0, layout.z());
  }

  /** The network itself, for tests and tools that run it directly. */
  public BlockChain network() {
    return network;
  }

  /** The training objective (see {@link #terms}), for tests and tools that run steps directly. */
  public StagedObjective objective() {
    return objective;
  }

  /** The parameters, for tests and tools. */
  public ParameterStore parameters() {
    return params;
  }

  /** Whether train or load has run. */
  public boolean isTrained() {
    return trained;
  }

  @Override
  public void save(DataOutput out) throws IOException {
    params.write(out);
  }

  @Override
  public void load(DataInput in) throws IOException {
    build(0);
    params.read(in);
    trained = true;
  }

  /** Trains from chunks through the toolkit: this method's own training on a sample, its batches from every chunk. */
  @Override
  public TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context) {
    return kit.train(pairs, windowChunks, context, sample -> train(sample, context));
  }
}
