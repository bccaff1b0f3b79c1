package dev.inn.core.cinn;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.PairChunks;
import dev.inn.api.method.ChunkedTraining;
import dev.inn.api.method.MisspecificationCheck;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.plugin.PluginLookup;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.training.ValidationSplit;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.observation.RaggedRows;
import dev.inn.core.param.SupportTransform;
import dev.inn.core.training.GraphMethodToolkit;
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
 * <p>By default it is a mixture of several such flows ({@link CinnFlow}, trained by
 * {@link MixtureTraining}): {@code ensemble} networks per subnet width, differing in their
 * initial weights, mixed by validation likelihood ({@link FlowMixture}). This class is the
 * method's face: it maps between data units and the flows' standardised unbounded
 * coordinates, checks requests, keeps the misspecification check's reference and reads and
 * writes the model ({@link CinnModelFile}).
 */
public final class CinnMethod implements PosteriorMethod, ChunkedTraining, PosteriorDensity, MisspecificationCheck {

  private static final int SAMPLE_CHUNK = CinnFlow.CHUNK;

  private final CinnConfig config;
  private final FlowContext context;
  private final GraphMethodToolkit kit;
  private final int dx;
  private final int dy;
  private final SupportTransform support;
  // the fewest elements of a set or sequence the condition network takes
  private final int minimumLength;
  // the trained flows and their log mixture weights (one flow of weight 1 before training)
  private FlowMixture mixture;
  // held-out simulations' summaries under flow summaryFlow's condition network; null before training
  private SummaryReference summaryReference;
  private int summaryFlow;

  /** A cINN of {@code settings} (merged over the defaults), parsed here. */
  public CinnMethod(Problem problem, Settings settings, PluginLookup registry) {
    this(problem, CinnSettings.parse(settings, registry), registry);
  }

  /** A cINN of settings parsed when they were read; only the condition network is left to pick for the problem. */
  CinnMethod(Problem problem, CinnSettings parsed, PluginLookup registry) {
    CinnSettings settings = parsed.forShape(problem.observationShape(), registry);
    this.config = settings.config();
    this.dx = problem.parameterDim();
    this.dy = problem.observationDim();
    CinnPlugins plugins = settings.plugins();
    this.minimumLength = plugins.condition().plugin().minimumLength(plugins.condition().settings());
    this.kit = new GraphMethodToolkit("cinn", problem, config.optimizer().threads(), minimumLength);
    this.support = kit.supportMap(problem, config.supportTransform());
    this.context = new FlowContext(settings, kit, support, problem.name(), dx, dy);
    // x in the unbounded coordinates of the support, then both standardised (y per element for sets and sequences)
    kit.learnIn(raw -> new Dataset(kit.xStandard().apply(support.toUnbounded(raw.x())), standardY(raw.y(),
        raw.lengths()), raw.lengths()));
    mixture = FlowMixture.single(new CinnFlow(context, 0, untrainedWidth()));
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

  /** Number of trainable weights, over all flows of the mixture. */
  public long parameterCount() {
    return mixture.parameterCount();
  }

  @Override
  public TrainingHistory train(Dataset data, TrainingContext training) {
    kit.checkData(data);
    MixtureTraining.Trained trained = new MixtureTraining(context).train(data, training);
    mixture = trained.mixture();
    summaryFlow = trained.heaviest();
    summaryReference = referenceSummaries(mixture.flows().get(summaryFlow), trained.scaled(), training.seed());
    return trained.history();
  }

  /**
   * The summaries of held-out simulations for the misspecification check: the trainer's
   * validation split, which no weight was fitted to (without one, training rows drawn at random).
   */
  private SummaryReference referenceSummaries(CinnFlow flow, Dataset scaled, long seed) {
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
    return java.util.Optional.of(summaryReference.misfit(mixture.flows().get(summaryFlow).condition(ys), ys));
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

  /** {@code n} samples of the mixture (see {@link FlowMixture#sample}). */
  @Override
  public synchronized Matrix sample(float[] observation, int n, long seed) {
    kit.checkRequest(observation, n);
    return mixture.sample(standardObservation(observation), n, seed, dx);
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
    double[] out = mixture.logDensities(u, ys, pairs.lengths());
    for (int i = 0; i < out.length; i++) {
      out[i] += standardJacobian + supportJacobian[i];
    }
    return out;
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public void save(DataOutput out) throws IOException {
    CinnModelFile.write(out, new CinnModelFile.Model(mixture, summaryFlow, summaryReference));
  }

  @Override
  public void load(DataInput in) throws IOException {
    CinnModelFile.Model model = CinnModelFile.read(in, width -> new CinnFlow(context, 0, width), untrainedWidth());
    mixture = model.mixture();
    summaryFlow = model.summaryFlow();
    summaryReference = model.reference();
  }

  /** Trains from chunks through the toolkit: this method's own training on a sample, its batches from every chunk. */
  @Override
  public TrainingHistory train(PairChunks pairs, int windowChunks, TrainingContext context) {
    return kit.train(pairs, windowChunks, context, sample -> train(sample, context));
  }
}
