package dev.inn.baselines.cgan;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Tensor;
import dev.inn.baselines.method.NetworkMethod;
import dev.inn.baselines.nn.DropoutNet;
import dev.inn.baselines.nn.ScalarFunction;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.training.Adam;
import dev.inn.core.training.LossWindows;
import dev.inn.core.training.rows.TrainingRows;
import dev.inn.core.training.OptimizerConfig;
import dev.inn.core.training.Trainer;
import dev.inn.core.training.TrainingDivergedException;
import dev.inn.losses.regression.SquaredError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Conditional GAN: generator G([z, y]) -> x, discriminator D([x, y]) -> logit. Each step
 * first updates D on a real and a generated batch (logistic loss), then G with the
 * non-saturating loss softplus(-D(G(z, y), y)), plus optionally a penalty matching the batch
 * variance of G's outputs to the data's. Optional L2 pre-training of G separates the labels'
 * modes before adversarial training. Generator and discriminator live in separate parameter
 * stores with their own Adam; both are saved (D too, so a loaded model is complete).
 */
public final class Cgan extends NetworkMethod {

  private final CganConfig config;
  private final Activation activation;
  private final int zDim;
  private ParameterStore genParams;
  private ParameterStore discParams;
  private DropoutNet generator;
  private DenseNet discriminator;

  public Cgan(String name, Problem problem, CganConfig config) {
    super(name, problem, config.standardize(), config.optimizer());
    this.config = config;
    this.activation = Activation.named(config.activation());
    this.zDim = latentDim(config.latentDim());
    build(0);
  }

  @Override
  protected void build(long seed) {
    genParams = new ParameterStore(seed);
    discParams = new ParameterStore(seed ^ 0x6A09E667F3BCC909L);
    generator = new DropoutNet(genParams.root().scope("generator"), zDim + yDim(), config.hidden(), config.layers(),
        xDim(), activation, config.genDropout());
    discriminator = new DenseNet(discParams.root().scope("discriminator"), xDim() + yDim(), config.discHidden(),
        config.discLayers(), 1, activation, 0, false);
    kit.addStandardizers(genParams.root().scope("standardize"));
  }

  @Override
  protected List<ParameterStore> stores() {
    return List.of(genParams, discParams);
  }

  /** Dimension of the generator's noise input. */
  public int latentDim() {
    return zDim;
  }

  private Tensor generate(Ops ops, Tensor y, SplittableRandom random) {
    Tensor z = ops.constant(gaussian(random, y.rows(), zDim));
    return generator.apply(ops, ops.concatColumns(z, y), random);
  }

  /** Up front unless the generator's dropout draws masks while sampling: then z comes with them, chunk by chunk. */
  @Override
  protected int noiseColumns() {
    return drawsWhileGenerating() ? 0 : zDim;
  }

  @Override
  protected boolean drawsWhileGenerating() {
    return config.genDropout() > 0;
  }

  @Override
  protected Tensor generate(Ops ops, Matrix y, Matrix latent, SplittableRandom random) {
    if (random != null) {
      return generate(ops, ops.constant(y), random);
    }
    return generator.apply(ops, ops.concatColumns(ops.constant(latent), ops.constant(y)), null);
  }

  @Override
  protected TrainingHistory fit(Dataset data, TrainingContext context) {
    String task = "train " + name();
    OptimizerConfig gen = config.optimizer();
    if (config.pretrainSteps() > 0) {
      OptimizerConfig pre = new OptimizerConfig(config.pretrainSteps(), gen.batch(), gen.lr(), gen.lr(), gen.beta1(),
          gen.beta2(), gen.eps(), gen.weightDecay(), gen.gradClip(), gen.logEvery(), gen.threads());
      new Trainer(pre).run(task + " (L2 pre-training)", genParams, data,
          (ops, batch, random, step) -> List.of(new LossTerm("L_pre", 1,
              SquaredError.loss(ops, generate(ops, ops.constant(batch.y()), random), ops.constant(batch.x())))),
          new TrainingContext(context.seed() ^ 0x3C6EF372FE94F82BL, context.progress()), kit.parallel());
    }
    float[] dataVariance = columnVariance(data.x());
    SplittableRandom random = new SplittableRandom(context.seed());
    Adam genAdam = new Adam(genParams.trainable(), gen);
    Adam discAdam = new Adam(discParams.trainable(), config.discOptimizer());
    TrainingRows.RowCursor batches = TrainingRows.of(data).cursor(random);
    int batchRows = Math.min(gen.batch(), data.size());
    ArrayPool pool = new ArrayPool();
    LossWindows log = new LossWindows(task, gen.steps(), gen.logEvery(), context.progress());
    for (int step = 0; step < gen.steps(); step++) {
      Dataset batch = batches.next(batchRows);
      int n = batch.size();
      Matrix ones = filled(1, n, 1f / n);

      // discriminator: real pairs towards 1, generated pairs towards 0
      Graph g = new Graph(pool, kit.parallel(), true);
      Tensor y = g.constant(batch.y());
      Tensor fake = g.detach(generate(g, y, random));
      Tensor real = discriminator.apply(g, g.concatColumns(g.constant(batch.x()), y));
      Tensor faked = discriminator.apply(g, g.concatColumns(fake, y));
      Tensor discLoss = g.add(g.mean(g.map(g.scale(real, -1f), ScalarFunction.SOFTPLUS)),
          g.mean(g.map(faked, ScalarFunction.SOFTPLUS)));
      update(task, g, List.of(new LossTerm("L_disc", 1, discLoss)), discAdam, config.discOptimizer(), step, log);
      pool.releaseAll();

      // generator: fool the discriminator, keep the output variance of the data
      g = new Graph(pool, kit.parallel(), true);
      y = g.constant(batch.y());
      fake = generate(g, y, random);
      Tensor genLoss = g.mean(g.map(g.scale(discriminator.apply(g, g.concatColumns(fake, y)), -1f),
          ScalarFunction.SOFTPLUS));
      List<LossTerm> terms = new ArrayList<>();
      terms.add(new LossTerm("L_gen", 1, genLoss));
      if (config.varianceWeight() > 0) {
        Tensor w = g.constant(ones);
        Tensor mean = g.matmul(w, fake);
        Tensor variance = g.matmul(w, g.square(g.addRow(fake, g.scale(mean, -1f))));
        Tensor penalty = g.sum(g.square(g.sub(variance, g.constant(new Matrix(1, xDim(), dataVariance)))));
        terms.add(new LossTerm("L_var", config.varianceWeight(), penalty));
      }
      update(task, g, terms, genAdam, gen, step, log);
      pool.releaseAll();
      log.stepDone(step);
    }
    return log.history();
  }

  /** One optimiser step on the weighted sum of {@code terms}; stops before the update when a term is not finite. */
  private static void update(String task, Graph g, List<LossTerm> terms, Adam adam, OptimizerConfig opt, int step,
      LossWindows log) {
    Tensor total = null;
    for (LossTerm t : terms) {
      float v = t.value().scalar();
      if (!Float.isFinite(v)) {
        throw new TrainingDivergedException(task + ": loss term " + t.name() + " became " + v + " at step " + step
            + " of " + opt.steps() + " (learning rate " + opt.learningRate(step)
            + "); lower lr or disc_lr, or enable grad_clip");
      }
      log.add(t.name(), v);
      Tensor weighted = g.scale(t.value(), (float) t.weight());
      total = total == null ? weighted : g.add(total, weighted);
    }
    adam.zeroGradients();
    g.backward(total);
    float scale = 1f;
    if (opt.gradClip() > 0) {
      double norm = adam.gradientNorm();
      if (norm > opt.gradClip()) {
        scale = (float) (opt.gradClip() / norm);
      }
    }
    adam.step(opt.learningRate(step), scale);
  }

  private static float[] columnVariance(Matrix m) {
    float[] v = new float[m.cols()];
    for (int c = 0; c < m.cols(); c++) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < m.rows(); i++) {
        s += m.get(i, c);
        s2 += (double) m.get(i, c) * m.get(i, c);
      }
      double mean = s / m.rows();
      v[c] = (float) Math.max(s2 / m.rows() - mean * mean, 0);
    }
    return v;
  }

  private static Matrix filled(int rows, int cols, float value) {
    float[] d = new float[rows * cols];
    java.util.Arrays.fill(d, value);
    return new Matrix(rows, cols, d);
  }
}
