package dev.inn.core.cinn;

import dev.inn.core.training.GraphMethodToolkit;
import dev.inn.api.block.BlockProvider;
import dev.inn.api.block.BlockSpec;
import dev.inn.api.block.ConditionalBlock;
import dev.inn.api.block.DataInitialized;
import dev.inn.api.block.Transformed;
import dev.inn.api.block.UnconditionedBlock;
import dev.inn.api.condition.ConditionNetwork;
import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.PairChunks;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.MisspecificationCheck;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.ChunkedTraining;
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
import dev.inn.core.observation.RaggedRows;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.param.SupportTransform;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.core.random.GaussianNoise;
import dev.inn.api.training.Objective;
import dev.inn.api.training.ValidationSplit;
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
 *
 * <p>By default it is a mixture of several such flows: {@code ensemble} networks per subnet
 * width, differing in their initial weights, each trained on the same pairs with the same
 * validation split; the mixture weights maximise the validation likelihood
 * ({@link MixtureWeights}). A mixture's density is the weighted sum of its flows' densities and
 * a sample comes from one flow picked by weight, so it stays exact and cheap to sample.
 */
public final class CinnMethod implements PosteriorMethod, ChunkedTraining, PosteriorDensity, MisspecificationCheck {

  /** Rows per inverse pass when sampling: a chunk's intermediates stay in cache. */
  private static final int SAMPLE_CHUNK = 512;

  /** Rows used for ActNorm's data-dependent initialisation. */
  private static final int INIT_ROWS = 1024;

  /** Flows whose mixture weight falls below this are dropped: they cost time and add nothing. */
  private static final double MIN_WEIGHT = 1e-3;

  /** First int of a saved mixture; a single flow starts with its negative width, older files with a count. */
  private static final int MIXTURE_FILE = 0;

  /** First int of a file that starts with the summary reference of the misspecification check. */
  private static final int CHECKED_FILE = Integer.MIN_VALUE;

  private final CinnConfig config;
  private final GraphMethodToolkit kit;
  private final String problemName;
  private final int dx;
  private final int dy;
  private final CinnPlugins plugins;
  private final SupportTransform support;
  // the fewest elements of a set or sequence the condition network takes
  private final int minimumLength;
  // the trained flows and their log mixture weights (one flow of weight 1 before training)
  private List<Flow> flows;
  private double[] logWeights;
  // held-out simulations' summaries under flow summaryFlow's condition network; null before training
  private SummaryReference summaryReference;
  private int summaryFlow;

  public CinnMethod(Problem problem, Settings settings, PluginLookup registry) {
    this(problem, CinnConfig.from(settings), registry);
  }

  /** A cINN of settings parsed once; the plugins they name are resolved once for every flow. */
  CinnMethod(Problem problem, CinnConfig config, PluginLookup registry) {
    this.config = config;
    this.problemName = problem.name();
    this.dx = problem.parameterDim();
    this.dy = problem.observationDim();
    this.plugins = CinnPlugins.resolve(config, registry, problem.observationShape());
    this.minimumLength = plugins.condition().plugin().minimumLength(plugins.condition().settings());
    this.kit = new GraphMethodToolkit("cinn", problem, config.optimizer().threads(), minimumLength);
    this.support = kit.supportMap(problem, config.supportTransform());
    // x in the unbounded coordinates of the support, then both standardised (y per element for sets and sequences)
    kit.learnIn(raw -> new Dataset(kit.xStandard().apply(support.toUnbounded(raw.x())), standardY(raw.y(),
        raw.lengths()), raw.lengths()));
    useSingle(new Flow(0, untrainedWidth()));
  }

  /** The width before training has chosen one (and of model files written before widths were saved). */
  private int untrainedWidth() {
    return config.hidden() > 0 ? config.hidden() : CinnConfig.AUTO_WIDTHS[0];
  }

  /** Standardised observations: per column for vectors, per element channel over real elements for sets and sequences. */
  private Matrix standardY(Matrix y, int[] lengths) {
    return lengths.length == 0 ? kit.yStandard().apply(y) : kit.yStandard().applyElements(y, lengths);
  }

  /** One standardised observation (a vector, or a set's or sequence's elements one after the other). */
  private float[] standardObservation(float[] observation) {
    return kit.shape().ragged() ? kit.yStandard().applyElements(observation) : kit.yStandard().apply(observation);
  }

  /** The number of elements of one observation given as its values ({@code 0} lengths-array marker for vectors). */
  private int[] lengthsOf(float[] observation, int rows) {
    return kit.shape().ragged() ? RaggedRows.repeated(observation.length / dy, rows) : new int[0];
  }

  private void useSingle(Flow flow) {
    flows = List.of(flow);
    logWeights = new double[] {0};
  }

  /** Number of trainable weights, over all flows of the mixture. */
  public long parameterCount() {
    long n = 0;
    for (Flow f : flows) {
      n += f.params.trainableCount();
    }
    return n;
  }

  /**
   * One flow: its own weights, conditioning network and blocks, subnets {@code width} units wide.
   * Creating one also re-creates the method's standardisers in its parameters; every flow is
   * fitted to the same data, so the latest flow's standardisers serve all.
   */
  private final class Flow {
    final int width;
    final ParameterStore params;
    final ConditionNetwork conditionNet;
    final List<ConditionalBlock> blocks = new ArrayList<>();

    Flow(long seed, int width) {
      this.width = width;
      params = new ParameterStore(seed);
      Parameters root = params.root();
      conditionNet = plugins.condition().plugin().create(kit.shape(), dx, plugins.condition().settings(),
          root.scope("condition"));
      int cw = conditionNet.width();
      BlockProvider coupling = plugins.coupling().plugin();
      BlockProvider permutation = plugins.permutation().plugin();
      BlockProvider actNorm = plugins.actNorm().plugin();
      BlockSpec spec = new BlockSpec(dx, width, config.layers(), config.clamp(), config.activation(), 0f,
          plugins.coupling().settings());
      BlockSpec alternateSpec = plugins.alternate() == null ? null : new BlockSpec(dx, width, config.layers(),
          config.clamp(), config.activation(), 0f, plugins.alternate().settings());
      BlockSpec plain = new BlockSpec(dx, 1, 1, config.clamp(), config.activation(), 0f, Settings.empty());
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
      kit.addStandardizers(root.scope("standardize"));
    }

    Transformed forward(Ops ops, Tensor u, Tensor condition) {
      Tensor h = u;
      Tensor logDet = null;
      for (ConditionalBlock b : blocks) {
        Transformed t = b.forward(ops, h, condition);
        h = t.value();
        logDet = logDet == null ? t.logDet() : ops.add(logDet, t.logDet());
      }
      return new Transformed(h, logDet);
    }

    Tensor inverse(Ops ops, Tensor z, Tensor condition) {
      Tensor h = z;
      for (int i = blocks.size() - 1; i >= 0; i--) {
        h = blocks.get(i).inverse(ops, h, condition).value();
      }
      return h;
    }

    /**
     * h(y) of standardised observations; sets and sequences cut to the batch's longest row first
     * (padding does not change h, and a batch of short sets should not pay for the longest).
     */
    Tensor summary(Ops ops, Matrix ys, int[] lengths) {
      if (lengths.length == 0) {
        return conditionNet.apply(ops, ops.constant(ys));
      }
      return conditionNet.apply(ops, ops.constant(RaggedRows.trim(ys, lengths, dy)), lengths);
    }

    /** The maximum-likelihood objective of one batch. */
    List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
      Tensor condition = summary(ops, batch.y(), batch.lengths());
      Transformed t = forward(ops, ops.constant(batch.x()), condition);
      return List.of(new LossTerm("nll", 1.0, StandardNormalLikelihood.negativeLogLikelihood(ops, t.value(),
          t.logDet())));
    }

    /**
     * log N(z; 0, I) + log|det J| of the standardised pairs (rows of {@code u} given rows of
     * {@code ys}), the log-density in standardised unbounded coordinates, into {@code out} from
     * index {@code offset}.
     */
    void logDensityStandardized(Ops ops, Matrix u, Matrix ys, int[] lengths, double[] out, int offset) {
      Tensor condition = summary(ops, ys, lengths);
      Transformed t = forward(ops, ops.constant(u), condition);
      Matrix z = t.value().value();
      Matrix ld = t.logDet().value();
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

    /** Runs the first rows through the blocks in order, letting each data-initialised block set itself. */
    void initialize(Dataset data, long seed) {
      int n = Math.min(INIT_ROWS, data.size());
      int[] rows = new SplittableRandom(seed ^ 0x1D1L).ints(n, 0, data.size()).toArray();
      Dataset batch = data.select(rows);
      ArrayPool pool = new ArrayPool();
      Graph g = new Graph(pool, kit.parallel(), false);
      Tensor condition = summary(g, batch.y(), batch.lengths());
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
    void checkHealth(Dataset scaled) {
      int n = Math.min(256, scaled.size());
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
      Dataset batch = scaled.select(rows);
      ArrayPool pool = new ArrayPool();
      Graph g = new Graph(pool, kit.parallel(), false);
      Tensor condition = summary(g, batch.y(), batch.lengths());
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

    /** {@code n} posterior samples in data units for the standardised observation {@code ys}. */
    Matrix sample(float[] ys, int n, long seed) {
      float[] h = condition(ys);
      Matrix fullCondition = Matrix.repeatRow(h, Math.min(n, SAMPLE_CHUNK));
      return kit.sampleInChunks(n, dx, dx, seed, SAMPLE_CHUNK, false, (g, z, unused) -> {
        int rows = z.rows();
        Matrix cond = rows == fullCondition.rows() ? fullCondition : fullCondition.rows(0, rows);
        Matrix u = inverse(g, g.constant(z), g.constant(cond)).value();
        return support.toSupport(kit.xStandard().invert(u));
      });
    }

    /** h(y*) for one standardised observation (a set's or sequence's elements one after the other). */
    float[] condition(float[] y) {
      ArrayPool pool = new ArrayPool();
      Graph g = new Graph(pool, GraphMethodToolkit.serial(), false);
      float[] h = kit.shape().ragged()
          ? conditionNet.apply(g, g.constant(new Matrix(1, y.length, y)), new int[] {y.length / dy}).value().data()
          : conditionNet.apply(g, g.constant(new Matrix(1, dy, y))).value().data();
      pool.releaseAll();
      return h;
    }
  }

  @Override
  public TrainingHistory train(Dataset data, TrainingContext context) {
    kit.checkData(data);
    int[] widths = config.hidden() > 0 ? new int[] {config.hidden()}
        : config.optimizer().stopsEarly() ? CinnConfig.AUTO_WIDTHS : new int[] {CinnConfig.AUTO_WIDTHS[1]};
    Matrix u = support.toUnbounded(data.x());
    Dataset scaled = null;
    List<Flow> trained = new ArrayList<>();
    List<TrainingHistory> histories = new ArrayList<>();
    int flowsInAll = widths.length * config.ensemble();
    for (int w : widths) {
      for (int member = 0; member < config.ensemble(); member++) {
        // the first flow of a width starts from the training seed, so a one-flow cINN is the plain
        // flow; the others differ in initial weights and batch order, not in the validation rows
        long seed = context.seed() + member * 0x9E3779B97F4A7C15L;
        Flow flow = new Flow(seed, w);
        if (config.standardize()) {
          kit.fitStandardizers(u, data.y(), data.lengths());
        }
        if (scaled == null) {
          scaled = kit.scale(data);
        }
        flow.initialize(scaled, context.seed());
        // the likelihood is a mean over rows, so batches can be split over the cores
        // each flow of a mixture is its own stage of the progress, named as such
        String label = flowsInAll == 1 ? "" : String.format(java.util.Locale.ROOT, ", flow %d of %d",
            trained.size() + 1, flowsInAll);
        dev.inn.api.method.ProgressListener progress = label.isEmpty() ? context.progress()
            : (task, done, total, message) -> context.progress().update(task + label, done, total, message);
        histories.add(kit.train(flow.params, scaled, Objective.separableOverRows(flow::terms), config.optimizer(),
            new TrainingContext(seed, progress), context.seed()));
        flow.checkHealth(scaled);
        trained.add(flow);
      }
    }
    double[] weights = mixtureWeights(trained, scaled, context);
    List<Flow> kept = new ArrayList<>();
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
    flows = List.copyOf(kept);
    summaryFlow = kept.indexOf(trained.get(heaviest));
    summaryReference = referenceSummaries(flows.get(summaryFlow), scaled, context.seed());
    logWeights = new double[kept.size()];
    StringBuilder described = new StringBuilder();
    for (int k = 0; k < kept.size(); k++) {
      logWeights[k] = Math.log(keptWeights.get(k) / total);
      described.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f (width %d)",
          keptWeights.get(k) / total, kept.get(k).width));
    }
    if (trained.size() > 1) {
      context.progress().update("train cinn, mixture", 1, 1, "mixture of " + kept.size() + " flows, weights " + described
          + " by validation likelihood");
    }
    return histories.size() == 1 ? histories.get(0) : everyFlow(histories, weights);
  }

  /**
   * The curves of every flow of a mixture in one history ("flow 2 (weight 0.31) validation"):
   * the flows train on the same batches per epoch, so the longest flow's steps serve all of them.
   */
  private static TrainingHistory everyFlow(List<TrainingHistory> histories, double[] weights) {
    List<Integer> steps = List.of();
    java.util.Map<String, List<Double>> terms = new java.util.LinkedHashMap<>();
    for (int k = 0; k < histories.size(); k++) {
      TrainingHistory h = histories.get(k);
      if (h.steps().size() > steps.size()) {
        steps = h.steps();
      }
      String flow = String.format(java.util.Locale.ROOT, "flow %d (weight %.2f) ", k + 1, weights[k]);
      h.terms().forEach((term, values) -> terms.put(flow + term, values));
    }
    return new TrainingHistory(steps, terms);
  }

  /**
   * The summaries of held-out simulations for the misspecification check: the trainer's
   * validation split, which no weight was fitted to (without one, training rows drawn at random).
   */
  private SummaryReference referenceSummaries(Flow flow, Dataset scaled, long seed) {
    int[] rows = config.optimizer().stopsEarly()
        ? ValidationSplit.of(scaled.size(), config.optimizer().validationFraction(), seed).heldOut()
        : new SplittableRandom(seed ^ 0x5EEDL).ints(Math.min(scaled.size(), SummaryReference.SIZE), 0,
            scaled.size()).toArray();
    Dataset held = scaled.select(java.util.Arrays.copyOf(rows, Math.min(rows.length, SummaryReference.SIZE)));
    int width = flow.conditionNet.width();
    float[] summaries = new float[held.size() * width];
    ArrayPool pool = new ArrayPool();
    for (int from = 0; from < held.size(); from += SAMPLE_CHUNK) {
      int to = Math.min(held.size(), from + SAMPLE_CHUNK);
      int[] chunk = new int[to - from];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = from + i;
      }
      Dataset part = held.select(chunk);
      Matrix h = flow.summary(new Graph(pool, kit.parallel(), false), part.y(), part.lengths()).value();
      System.arraycopy(h.data(), 0, summaries, from * width, h.data().length);
      pool.releaseAll();
    }
    if (held.size() < 2 * SummaryReference.NEIGHBOURS + 2) {
      return null;
    }
    if (!held.ragged()) {
      return SummaryReference.of(summaries, width);
    }
    boolean sequence = kit.shape() instanceof dev.inn.api.data.ObservationShape.Sequence;
    // the level statistic needs no network: every training simulation serves, the held-out ones first
    int[] order = heldOutFirst(java.util.Arrays.copyOf(rows, held.size()), scaled.size());
    return SummaryReference.of(summaries, width, held.y().data(), held.y().cols(), held.lengths(), dy, sequence,
        LevelReference.featureRows(scaled.y().data(), scaled.y().cols(), scaled.lengths(), dy, sequence, order));
  }

  /** Rows {@code first} in their order, then every other row of {@code 0..size-1} in ascending order. */
  private static int[] heldOutFirst(int[] first, int size) {
    boolean[] taken = new boolean[size];
    // rows drawn with replacement (no validation split) may repeat in first
    int[] out = java.util.Arrays.copyOf(first, first.length + size);
    for (int r : first) {
      taken[r] = true;
    }
    int k = first.length;
    for (int r = 0; r < size; r++) {
      if (!taken[r]) {
        out[k++] = r;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  @Override
  public synchronized java.util.Optional<Misfit> misfit(float[] observation) {
    float[] ys = checkedObservation(observation);
    if (summaryReference == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(summaryReference.misfit(flows.get(summaryFlow).condition(ys), ys));
  }

  /**
   * Mixture weights of the trained flows: maximum likelihood on the trainer's validation split,
   * which no flow trained on; equal weights when training keeps no validation split.
   */
  private double[] mixtureWeights(List<Flow> trained, Dataset scaled, TrainingContext context) {
    int k = trained.size();
    double[] equal = new double[k];
    java.util.Arrays.fill(equal, 1.0 / k);
    if (k == 1 || !config.optimizer().stopsEarly()) {
      return equal;
    }
    Dataset validation = scaled.select(ValidationSplit.of(scaled.size(),
        config.optimizer().validationFraction(), context.seed()).heldOut());
    double[][] logDensity = new double[k][];
    for (int f = 0; f < k; f++) {
      logDensity[f] = logDensitiesStandardized(trained.get(f), validation.x(), validation.y(), validation.lengths());
    }
    return MixtureWeights.fit(logDensity);
  }

  @Override
  public List<String> outOfRange(float[] observation) {
    if (!kit.shape().ragged()) {
      // the check every learned method shares, plus the cINN's own misfit check
      List<String> out = new ArrayList<>(kit.outOfRange(observation));
      addMisfit(observation, out);
      return out;
    }
    float[] z = checkedObservation(observation);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < z.length && out.size() < MAX_RANGE_MESSAGES; k++) {
      if (Math.abs(z[k]) > RANGE_SDS) {
        out.add(String.format(java.util.Locale.ROOT, "observation %s %d, value %d (%s) is %.1f standard deviations"
            + " from the training elements' mean", RaggedRows.elementName(kit.shape()), k / dy, k % dy, observation[k],
            z[k]));
      }
    }
    addMisfit(observation, out);
    return out;
  }

  private void addMisfit(float[] observation, List<String> out) {
    misfit(observation).filter(Misfit::flagged).ifPresent(m -> out.add("the observation looks unlike the"
        + " simulations, the data may lie outside the simulator's reach: " + m.describe()));
  }

  /** Observations beyond this many training standard deviations from the training mean are flagged. */
  private static final double RANGE_SDS = 6;

  /** At most this many far-out elements of a set or sequence are listed. */
  private static final int MAX_RANGE_MESSAGES = 5;

  private float[] checkedObservation(float[] observation) {
    kit.checkRequest(observation, 0);
    return standardObservation(observation);
  }

  /**
   * {@code n} samples of the mixture: each row's flow is drawn by weight from {@code seed}, then
   * each flow samples its rows, which go back to the places drawn for them.
   */
  @Override
  public synchronized Matrix sample(float[] observation, int n, long seed) {
    kit.checkRequest(observation, n);
    float[] ys = standardObservation(observation);
    if (flows.size() == 1) {
      return flows.get(0).sample(ys, n, seed);
    }
    double[] cumulative = new double[flows.size()];
    for (int f = 0; f < cumulative.length; f++) {
      cumulative[f] = (f == 0 ? 0 : cumulative[f - 1]) + Math.exp(logWeights[f]);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] flowOf = new int[n];
    int[] count = new int[flows.size()];
    for (int i = 0; i < n; i++) {
      double r = random.nextDouble();
      int f = 0;
      while (r >= cumulative[f] && f < flows.size() - 1) {
        f++;
      }
      flowOf[i] = f;
      count[f]++;
    }
    Matrix[] drawn = new Matrix[flows.size()];
    for (int f = 0; f < flows.size(); f++) {
      long flowSeed = random.nextLong();
      drawn[f] = count[f] == 0 ? null : flows.get(f).sample(ys, count[f], flowSeed);
    }
    float[] out = new float[n * dx];
    int[] next = new int[flows.size()];
    for (int i = 0; i < n; i++) {
      int f = flowOf[i];
      System.arraycopy(drawn[f].data(), next[f]++ * dx, out, i * dx, dx);
    }
    return new Matrix(n, dx, out);
  }

  @Override
  public synchronized double[] logDensity(float[] observation, Matrix x) {
    checkedObservation(observation);
    return logDensities(new Dataset(x, Matrix.repeatRow(observation, x.rows()), lengthsOf(observation, x.rows())));
  }

  /**
   * log q(x_i | y_i) for every pair (row i of {@code pairs.x()} given row i of
   * {@code pairs.y()}), in data units; negative infinity outside the prior's support.
   */
  public synchronized double[] logDensities(Dataset pairs) {
    Matrix x = pairs.x();
    if (kit.shape().ragged()) {
      if (x.cols() != dx) {
        throw new IllegalArgumentException("cinn: pairs have x " + x.cols() + " columns, the problem has " + dx);
      }
      RaggedRows.check("cinn: observations of the pairs", pairs.y(), pairs.lengths(), kit.shape(), minimumLength);
    } else if (x.cols() != dx || pairs.y().cols() != dy) {
      throw new IllegalArgumentException("cinn: pairs have x " + x.cols() + " and y " + pairs.y().cols()
          + " columns, the problem has " + dx + " and " + dy);
    }
    int bad = pairs.y().firstNonFinite();
    if (bad >= 0 && !kit.shape().ragged()) {
      throw new IllegalArgumentException("cinn: observation row " + bad / dy + " holds " + pairs.y().data()[bad]);
    }
    double[] supportJacobian = support.logAbsDetToUnbounded(x);
    double standardJacobian = 0;
    Matrix origin = kit.xStandard().invert(Matrix.zeros(1, dx));
    Matrix unit = kit.xStandard().invert(new Matrix(1, dx, filled(dx, 1f)));
    for (int c = 0; c < dx; c++) {
      standardJacobian -= Math.log(Math.abs(unit.get(0, c) - origin.get(0, c)));
    }
    Matrix u = kit.xStandard().apply(support.toUnbounded(x));
    Matrix ys = standardY(pairs.y(), pairs.lengths());
    double[] out = new double[x.rows()];
    for (int f = 0; f < flows.size(); f++) {
      double[] flowDensity = logDensitiesStandardized(flows.get(f), u, ys, pairs.lengths());
      for (int i = 0; i < out.length; i++) {
        double term = logWeights[f] + flowDensity[i];
        out[i] = f == 0 ? term : logSumExp(out[i], term);
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] += standardJacobian + supportJacobian[i];
    }
    return out;
  }

  private static double logSumExp(double a, double b) {
    double max = Math.max(a, b);
    return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }

  /** One flow's log-densities of standardised pairs, chunk by chunk over the threads. */
  private double[] logDensitiesStandardized(Flow flow, Matrix u, Matrix ys, int[] lengths) {
    double[] out = new double[u.rows()];
    int chunks = (u.rows() + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK;
    // threads take whole chunks; each row's value depends on its own chunk only
    kit.parallel().run(chunks, Long.MAX_VALUE, (first, last) -> {
      ArrayPool pool = new ArrayPool();
      for (int k = first; k < last; k++) {
        int from = k * SAMPLE_CHUNK;
        int rows = Math.min(SAMPLE_CHUNK, u.rows() - from);
        int[] chunkLengths = lengths.length == 0 ? lengths : java.util.Arrays.copyOfRange(lengths, from, from + rows);
        flow.logDensityStandardized(new Graph(pool, GraphMethodToolkit.serial(), false), u.rows(from, from + rows),
            ys.rows(from, from + rows), chunkLengths, out, from);
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
    if (summaryReference != null) {
      out.writeInt(CHECKED_FILE);
      out.writeInt(summaryFlow);
      summaryReference.write(out);
    }
    if (flows.size() == 1) {
      // the width first, as a negative number (a parameter count, which older files start with, is not)
      out.writeInt(-flows.get(0).width);
      flows.get(0).params.write(out);
      return;
    }
    out.writeInt(MIXTURE_FILE);
    out.writeInt(flows.size());
    for (int f = 0; f < flows.size(); f++) {
      out.writeDouble(logWeights[f]);
      out.writeInt(flows.get(f).width);
      flows.get(f).params.write(out);
    }
  }

  @Override
  public void load(DataInput in) throws IOException {
    int first = in.readInt();
    SummaryReference reference = null;
    int referenceFlow = 0;
    if (first == CHECKED_FILE) {
      referenceFlow = in.readInt();
      reference = SummaryReference.read(in);
      first = in.readInt();
    }
    if (first == MIXTURE_FILE) {
      int n = in.readInt();
      if (n < 1 || n > 1024) {
        throw new IOException("cinn: the model file holds a mixture of " + n + " flows");
      }
      List<Flow> read = new ArrayList<>();
      double[] readWeights = new double[n];
      for (int f = 0; f < n; f++) {
        readWeights[f] = in.readDouble();
        int width = in.readInt();
        if (width < 1 || !Double.isFinite(readWeights[f])) {
          throw new IOException("cinn: flow " + f + " of the model file has width " + width + " and log weight "
              + readWeights[f]);
        }
        Flow flow = new Flow(0, width);
        flow.params.read(in);
        read.add(flow);
      }
      flows = List.copyOf(read);
      logWeights = readWeights;
    } else if (first < 0) {
      Flow flow = new Flow(0, -first);
      flow.params.read(in);
      useSingle(flow);
    } else {
      Flow flow = new Flow(0, untrainedWidth());
      flow.params.read(in, first);
      useSingle(flow);
    }
    if (referenceFlow < 0 || referenceFlow >= flows.size()) {
      throw new IOException("cinn: the model file's summary reference belongs to flow " + referenceFlow + " of "
          + flows.size());
    }
    summaryFlow = referenceFlow;
    summaryReference = reference;
  }

  /** Trains from chunks through the toolkit: this method's own training on a sample, its batches from every chunk. */
  @Override
  public TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context) {
    return kit.train(pairs, windowChunks, context, sample -> train(sample, context));
  }
}
