package dev.inn.core.inn;

import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.InvertibleBlock;
import dev.inn.api.block.Transformed;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.KernelProvider;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.PosteriorMethod;
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
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.Standardizer;
import dev.inn.core.param.SupportTransform;
import dev.inn.core.random.GaussianNoise;
import dev.inn.core.plugin.PluginRegistry;
import dev.inn.core.training.SampleHealth;
import dev.inn.core.training.Trainer;
import dev.inn.losses.likelihood.StandardNormalLikelihood;
import dev.inn.losses.mmd.Mmd;
import dev.inn.losses.regression.SquaredError;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paper's method: an INN x -> [z, y] trained in both directions (L_y, L_z, L_x,
 * padding and reconstruction terms), sampled by one batched inverse pass on
 * [z ~ N(0, I), 0, y*].
 */
public final class InnMethod implements PosteriorMethod {

  /** Rows per inverse pass when sampling. */
  private static final int SAMPLE_CHUNK = 256;

  /** Runs a chunk's operations on the calling thread. */
  private static final RowParallel SERIAL = new RowParallel(1);

  private final InnConfig config;
  private final InnLayout layout;
  private final PluginRegistry registry;
  private final Kernel forwardKernel;
  private final Kernel backwardKernel;
  private ParameterStore params;
  private InvertibleNetwork network;
  private final SupportTransform support;
  private Standardizer xStandard;
  private Standardizer yStandard;
  private RowParallel parallel;
  private boolean trained;

  public InnMethod(Problem problem, Settings settings, PluginRegistry registry) {
    this.config = InnConfig.from(settings);
    this.registry = registry;
    int z = config.latentDim() > 0 ? config.latentDim() : problem.latentDim();
    this.layout = InnLayout.of(problem.parameterDim(), problem.observationDim(), z, config.width());
    this.forwardKernel = kernel("forward_kernel", config.forwardKernel());
    this.backwardKernel = kernel("backward_kernel", config.backwardKernel());
    this.support = config.supportTransform()
        ? SupportTransform.of(problem.support().orElseThrow(() -> new ConfigurationException(
            "inn: support_transform = true, but problem '" + problem.name() + "' declares no prior support")))
        : SupportTransform.identity(problem.parameterDim());
    if (support.dim() != problem.parameterDim()) {
      throw new IllegalArgumentException("inn: problem '" + problem.name() + "' declares a support of " + support.dim()
          + " parameters but has " + problem.parameterDim());
    }
    build(0);
  }

  private Kernel kernel(String key, Map<String, Object> table) {
    Object name = table.get("name");
    if (!(name instanceof String n)) {
      throw new ConfigurationException("setting '" + key + "' of method 'inn' needs a name, e.g. {name = \"imq\"}");
    }
    Map<String, Object> rest = new HashMap<>(table);
    rest.remove("name");
    KernelProvider p = registry.find(KernelProvider.class, n);
    return p.create(PluginRegistry.settingsFor(p, "kernel", rest));
  }

  /** Creates the network with parameters initialised from {@code seed}. */
  private void build(long seed) {
    params = new ParameterStore(seed);
    Parameters root = params.root();
    BlockProvider coupling = registry.find(BlockProvider.class, config.block());
    BlockProvider permutation = registry.find(BlockProvider.class, "permutation");
    Map<String, Object> extra = new HashMap<>();
    if (coupling.defaults().containsKey("clamp_function")) {
      extra.put("clamp_function", config.clampFunction());
    }
    Settings blockSettings = PluginRegistry.settingsFor(coupling, "block", extra);
    BlockSpec spec = new BlockSpec(layout.width(), config.hidden(), config.layers(), config.clamp(),
        config.activation(), config.initStd(), blockSettings);
    BlockSpec permSpec = new BlockSpec(layout.width(), 1, 1, config.clamp(), config.activation(), 0f, Settings.empty());
    List<InvertibleBlock> blocks = new ArrayList<>();
    for (int i = 0; i < config.blocks(); i++) {
      blocks.add(coupling.create(spec, root.scope("block" + i)));
      blocks.add(permutation.create(permSpec, root.scope("perm" + i)));
    }
    network = new InvertibleNetwork(blocks);
    Parameters norm = root.scope("standardize");
    xStandard = new Standardizer(norm, "x", layout.x());
    yStandard = new Standardizer(norm, "y", layout.y());
  }

  public InnLayout layout() {
    return layout;
  }

  /** Number of trainable weights. */
  public long parameterCount() {
    return params.trainableCount();
  }

  private RowParallel parallel() {
    if (parallel == null) {
      parallel = new RowParallel(config.optimizer().threads());
    }
    return parallel;
  }

  @Override
  public TrainingHistory train(Dataset data, TrainingContext context) {
    if (data.x().cols() != layout.x() || data.y().cols() != layout.y()) {
      throw new IllegalArgumentException("inn: data has x " + data.x().cols() + " and y " + data.y().cols()
          + " columns, the problem has " + layout.x() + " and " + layout.y());
    }
    build(context.seed());
    if (config.standardize()) {
      xStandard.fit(support.toUnbounded(data.x()));
      yStandard.fit(data.y());
    }
    Dataset scaled = new Dataset(xStandard.apply(support.toUnbounded(data.x())), yStandard.apply(data.y()));
    TrainingHistory h = new Trainer(config.optimizer()).run("train inn", params, scaled, this::terms, context,
        parallel());
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

  /** The bi-directional objective of spec/training.md for one batch. */
  List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    int n = batch.size();
    int w = layout.width();
    int dz = layout.z();
    int dy = layout.y();
    Matrix xIn = batch.x().concatColumns(GaussianNoise.draw(random, n, layout.xPad(), config.noisePad()));
    Matrix yNoisy = add(batch.y(), GaussianNoise.draw(random, n, dy, config.noiseY()));
    Matrix zTarget = GaussianNoise.draw(random, n, dz, 1f);
    Matrix padTarget = GaussianNoise.draw(random, n, layout.zyPad(), config.noisePad());
    Tensor x = ops.constant(xIn);
    Tensor yTarget = ops.constant(yNoisy);
    List<LossTerm> terms = new ArrayList<>();
    double ramp = mmdRamp(step);
    boolean forwardNeeded = config.weightY() > 0 || config.weightPad() > 0 || config.weightZ() > 0
        || config.weightRec() > 0;
    Transformed forward = forwardNeeded ? network.forward(ops, x) : null;
    Tensor out = forward == null ? null : forward.value();
    if (config.weightY() > 0) {
      terms.add(new LossTerm("L_y", config.weightY(), SquaredError.loss(ops, ops.columns(out, w - dy, w), yTarget)));
    }
    if (config.weightPad() > 0 && layout.zyPad() > 0) {
      terms.add(new LossTerm("L_pad", config.weightPad(),
          SquaredError.loss(ops, ops.columns(out, dz, w - dy), ops.constant(padTarget))));
    }
    if (config.weightZ() > 0 && dz > 0 && config.likelihoodZ()) {
      terms.add(new LossTerm("L_z", config.weightZ(),
          StandardNormalLikelihood.negativeLogLikelihood(ops, ops.columns(out, 0, dz), forward.logDet())));
    } else if (config.weightZ() > 0 && dz > 0) {
      Tensor zy = ops.concatColumns(ops.columns(out, 0, dz), ops.detach(ops.columns(out, w - dy, w)));
      Tensor ref = ops.constant(zTarget.concatColumns(yNoisy));
      terms.add(new LossTerm("L_z", config.weightZ() * ramp, Mmd.loss(ops, zy, ref, forwardKernel)));
    }
    if (config.weightX() > 0) {
      Matrix inverseIn = zTarget.concatColumns(padTarget).concatColumns(yNoisy);
      Tensor xGen = network.inverse(ops, ops.constant(inverseIn)).value();
      Tensor lx;
      if (config.backwardWeightSigma() > 0) {
        lx = Mmd.weightedLoss(ops, xGen, x, backwardKernel, ops.constant(pairWeights(yNoisy)));
      } else {
        lx = Mmd.loss(ops, xGen, x, backwardKernel);
      }
      terms.add(new LossTerm("L_x", config.weightX() * ramp, lx));
    }
    if (config.weightRec() > 0) {
      Matrix recNoise = GaussianNoise.draw(random, n, dz, config.noiseRecZ())
          .concatColumns(GaussianNoise.draw(random, n, layout.zyPad(), config.noisePad()))
          .concatColumns(GaussianNoise.draw(random, n, dy, config.noiseRecY()));
      Tensor recIn = ops.add(ops.detach(out), ops.constant(recNoise));
      Tensor rec = network.inverse(ops, recIn).value();
      terms.add(new LossTerm("L_rec", config.weightRec(), SquaredError.loss(ops, rec, x)));
    }
    if (terms.isEmpty()) {
      throw new ConfigurationException("inn: every loss weight is zero, nothing to train");
    }
    return terms;
  }

  /** The fade-in factor of the MMD terms at {@code step} (see {@link InnConfig}). */
  private double mmdRamp(int step) {
    double start = config.mmdRampStart();
    // epochs with early stopping have no step horizon to ramp over: the MMD terms run at full weight
    if (start >= 1 || config.mmdRampEnd() <= 0 || config.optimizer().stopsEarly()) {
      return 1;
    }
    double t = step / (config.mmdRampEnd() * config.optimizer().steps());
    return t >= 1 ? 1 : Math.pow(start, 1 - t);
  }

  private Matrix pairWeights(Matrix y) {
    int n = y.rows();
    float[] w = new float[n * n];
    double s2 = 2 * config.backwardWeightSigma() * config.backwardWeightSigma();
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
    if (observation.length != layout.y()) {
      throw new IllegalArgumentException("inn: observation has " + observation.length + " values, the problem has "
          + layout.y());
    }
    for (int c = 0; c < observation.length; c++) {
      if (!Float.isFinite(observation[c])) {
        throw new IllegalArgumentException("inn: observation value " + c + " is " + observation[c]);
      }
    }
    float[] y = yStandard.apply(observation);
    // all latent draws first, in one sequence, so the samples do not depend on the chunking
    Matrix z = GaussianNoise.draw(new SplittableRandom(seed), n, layout.z(), 1f);
    float[] out = new float[n * layout.x()];
    int chunks = (n + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
    // small chunks keep a pass's intermediates in cache; threads take whole chunks, no hand-offs
    parallel().run(chunks, Long.MAX_VALUE, (first, last) -> {
      ArrayPool pool = new ArrayPool();
      for (int c = first; c < last; c++) {
        int from = c * SAMPLE_CHUNK;
        int rows = Math.min(SAMPLE_CHUNK, n - from);
        Matrix in = z.rows(from, from + rows)
            .concatColumns(Matrix.zeros(rows, layout.zyPad()))
            .concatColumns(Matrix.repeatRow(y, rows));
        Graph g = new Graph(pool, SERIAL, false);
        Matrix x = support.toSupport(
            xStandard.invert(g.columns(network.inverse(g, g.constant(in)).value(), 0, layout.x()).value()));
        System.arraycopy(x.data(), 0, out, from * layout.x(), x.data().length);
        pool.releaseAll();
      }
    });
    return new Matrix(n, layout.x(), out);
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
    Matrix in = xStandard.apply(support.toUnbounded(x)).concatColumns(Matrix.zeros(x.rows(), layout.xPad()));
    Matrix out = network.forward(g, g.constant(in)).value().value();
    pool.releaseAll();
    return out;
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
