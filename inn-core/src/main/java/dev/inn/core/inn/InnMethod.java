package dev.inn.core.inn;

import dev.inn.api.method.LatentEncoder;
import dev.inn.core.method.LearnedMethod;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.LossTerm;
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
public final class InnMethod extends LearnedMethod implements LatentEncoder {

  /** Rows per inverse pass when sampling. */
  private static final int SAMPLE_CHUNK = 256;

  private final InnConfig config;
  private final InnLayout layout;
  private final InnPlugins plugins;
  private final Kernel forwardKernel;
  private final Kernel backwardKernel;
  private ParameterStore params;
  private InvertibleNetwork network;
  private final SupportTransform support;
  private boolean trained;

  public InnMethod(Problem problem, Settings settings, PluginLookup registry) {
    super("inn", problem, InnConfig.from(settings).optimizer().threads());
    this.config = InnConfig.from(settings);
    int z = config.network().latentDim() > 0 ? config.network().latentDim() : problem.latentDim();
    this.layout = InnLayout.of(problem.parameterDim(), problem.observationDim(), z, config.network().width());
    this.plugins = InnPlugins.resolve(config, registry);
    this.forwardKernel = plugins.forwardKernel().plugin().create(plugins.forwardKernel().settings());
    this.backwardKernel = plugins.backwardKernel().plugin().create(plugins.backwardKernel().settings());
    this.support = supportTransform(problem, config.supportTransform());
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
    List<InvertibleBlock> blocks = new ArrayList<>();
    for (int i = 0; i < config.network().blocks(); i++) {
      blocks.add(coupling.create(spec, root.scope("block" + i)));
      blocks.add(permutation.create(permSpec, root.scope("perm" + i)));
    }
    network = new InvertibleNetwork(blocks);
    addStandardizers(root.scope("standardize"));
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
    checkData(data);
    build(context.seed());
    if (config.standardize()) {
      fitStandardizers(support.toUnbounded(data.x()), data.y());
    }
    Dataset scaled = new Dataset(xStandard().apply(support.toUnbounded(data.x())), yStandard().apply(data.y()));
    TrainingHistory h = runTrainer(config.optimizer(), params, scaled, this::terms, context);
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
    int n = batch.size();
    int w = layout.width();
    int dz = layout.z();
    int dy = layout.y();
    Matrix xIn = batch.x().concatColumns(GaussianNoise.draw(random, n, layout.xPad(), config.noise().pad()));
    Matrix yNoisy = add(batch.y(), GaussianNoise.draw(random, n, dy, config.noise().y()));
    Matrix zTarget = GaussianNoise.draw(random, n, dz, 1f);
    Matrix padTarget = GaussianNoise.draw(random, n, layout.zyPad(), config.noise().pad());
    Tensor x = ops.constant(xIn);
    Tensor yTarget = ops.constant(yNoisy);
    List<LossTerm> terms = new ArrayList<>();
    double ramp = mmdRamp(step);
    boolean forwardNeeded = config.losses().weightY() > 0 || config.losses().weightPad() > 0 || config.losses().weightZ() > 0
        || config.losses().weightRec() > 0;
    Transformed forward = forwardNeeded ? network.forward(ops, x) : null;
    Tensor out = forward == null ? null : forward.value();
    if (config.losses().weightY() > 0) {
      terms.add(new LossTerm("L_y", config.losses().weightY(), SquaredError.loss(ops, ops.columns(out, w - dy, w), yTarget)));
    }
    if (config.losses().weightPad() > 0 && layout.zyPad() > 0) {
      terms.add(new LossTerm("L_pad", config.losses().weightPad(),
          SquaredError.loss(ops, ops.columns(out, dz, w - dy), ops.constant(padTarget))));
    }
    if (config.losses().weightZ() > 0 && dz > 0 && config.likelihoodZ()) {
      terms.add(new LossTerm("L_z", config.losses().weightZ(),
          StandardNormalLikelihood.negativeLogLikelihood(ops, ops.columns(out, 0, dz), forward.logDet())));
    } else if (config.losses().weightZ() > 0 && dz > 0) {
      Tensor zy = ops.concatColumns(ops.columns(out, 0, dz), ops.detach(ops.columns(out, w - dy, w)));
      Tensor ref = ops.constant(zTarget.concatColumns(yNoisy));
      terms.add(new LossTerm("L_z", config.losses().weightZ() * ramp, Mmd.loss(ops, zy, ref, forwardKernel)));
    }
    if (config.losses().weightX() > 0) {
      Matrix inverseIn = zTarget.concatColumns(padTarget).concatColumns(yNoisy);
      Tensor xGen = network.inverse(ops, ops.constant(inverseIn)).value();
      Tensor lx;
      if (config.losses().backwardWeightSigma() > 0) {
        lx = Mmd.weightedLoss(ops, xGen, x, backwardKernel, ops.constant(pairWeights(yNoisy)));
      } else {
        lx = Mmd.loss(ops, xGen, x, backwardKernel);
      }
      terms.add(new LossTerm("L_x", config.losses().weightX() * ramp, lx));
    }
    if (config.losses().weightRec() > 0) {
      Matrix recNoise = GaussianNoise.draw(random, n, dz, config.noise().recZ())
          .concatColumns(GaussianNoise.draw(random, n, layout.zyPad(), config.noise().pad()))
          .concatColumns(GaussianNoise.draw(random, n, dy, config.noise().recY()));
      Tensor recIn = ops.add(ops.detach(out), ops.constant(recNoise));
      Tensor rec = network.inverse(ops, recIn).value();
      terms.add(new LossTerm("L_rec", config.losses().weightRec(), SquaredError.loss(ops, rec, x)));
    }
    if (terms.isEmpty()) {
      throw new ConfigurationException("inn: every loss weight is zero, nothing to train");
    }
    return terms;
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
    checkRequest(observation, n);
    float[] y = yStandard().apply(observation);
    // small chunks keep a pass's intermediates in cache; threads take whole chunks, no hand-offs
    return sampleInChunks(n, layout.x(), layout.z(), seed, SAMPLE_CHUNK, false, (g, z, unused) -> {
      int rows = z.rows();
      Matrix in = z.concatColumns(Matrix.zeros(rows, layout.zyPad())).concatColumns(Matrix.repeatRow(y, rows));
      return support.toSupport(
          xStandard().invert(g.columns(network.inverse(g, g.constant(in)).value(), 0, layout.x()).value()));
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
    Graph g = new Graph(pool, parallel(), false);
    Matrix in = xStandard().apply(support.toUnbounded(x)).concatColumns(Matrix.zeros(x.rows(), layout.xPad()));
    Matrix out = network.forward(g, g.constant(in)).value().value();
    pool.releaseAll();
    return out;
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
  public InvertibleNetwork network() {
    return network;
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
}
