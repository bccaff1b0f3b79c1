package org.example.seam;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.training.MethodToolkit;
import dev.inn.api.training.TrainableModel;
import dev.inn.api.training.TrainingEngine;
import dev.inn.api.training.TrainingSchedule;
import dev.inn.api.training.ValidationSplit;
import jakarta.inject.Inject;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * q(x | y) = N(W y + b, diag(sd^2)) on the method toolkit, as a built-in method is made: x and y
 * standardised, the epoch schedule with early stopping, and the posterior's spread measured on
 * the validation split the trainer held out (residuals of pairs no weight was fitted to, so an
 * over-fitted mean does not make the posterior too narrow).
 */
public final class HeldOutGaussianProvider implements MethodProvider {

  private final TrainingEngine engine;

  @Inject
  public HeldOutGaussianProvider(TrainingEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "example-held-out-gaussian";
  }

  @Override
  public String description() {
    return "example plugin: a linear-Gaussian posterior trained in epochs, its spread from the held-out split";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(engine.optimizerDefaults());
    d.put("steps", 0);
    d.put("max_epochs", 60);
    d.put("patience", 5);
    d.put("batch", 128);
    d.put("lr", 0.01);
    d.put("threads", 1);
    return d;
  }

  /** Parses the optimiser settings, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    engine.schedule(settings);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    TrainingSchedule schedule = engine.schedule(settings);
    if (!schedule.stopsEarly()) {
      throw new IllegalArgumentException(name() + " measures its spread on the validation split: it needs steps = 0");
    }
    return new HeldOutGaussian(problem, schedule);
  }

  private final class HeldOutGaussian implements PosteriorMethod {
    private static final int CHUNK = 256;
    private final MethodToolkit kit;
    private final TrainingSchedule schedule;
    private TrainableModel model;
    private Parameter weights;
    private Parameter bias;
    // the posterior's standard deviation per parameter in standardised units, from held-out residuals
    private float[] spread;

    HeldOutGaussian(Problem problem, TrainingSchedule schedule) {
      this.kit = engine.toolkit(name(), problem, schedule.threads());
      this.schedule = schedule;
      build(0);
    }

    private void build(long seed) {
      model = engine.newModel(seed, schedule.threads());
      weights = model.parameters().trainable("w", kit.yDim(), kit.xDim(), 0.1);
      bias = model.parameters().trainable("b", 1, kit.xDim(), 0);
      kit.addStandardizers(model.parameters().scope("standardize"));
      spread = new float[kit.xDim()];
      java.util.Arrays.fill(spread, 1f);
    }

    private Tensor mean(Ops ops, Matrix ys) {
      return ops.linear(ops.constant(ys), weights, bias);
    }

    @Override
    public TrainingHistory train(Dataset data, TrainingContext context) {
      kit.checkData(data);
      build(context.seed());
      kit.fitStandardizers(data.x(), data.y(), new int[0]);
      Dataset scaled = new Dataset(kit.xStandard().apply(data.x()), kit.yStandard().apply(data.y()));
      // the mean is fitted by squared error; the spread comes from the held-out rows below
      TrainingHistory history = kit.train(model.parameters(), scaled, (ops, batch, random, step) -> List.of(
          new LossTerm("mse", 1, ops.mean(ops.square(ops.sub(ops.constant(batch.x()), mean(ops, batch.y())))))),
          schedule, context, context.seed());
      // the same rows the trainer held out: it drew them from the same seed
      Dataset held = scaled.select(ValidationSplit.of(scaled.size(), schedule.validationFraction(), context.seed())
          .heldOut());
      Matrix predicted = model.evaluate(ops -> mean(ops, held.y()));
      double[] sq = new double[kit.xDim()];
      for (int i = 0; i < held.size(); i++) {
        for (int c = 0; c < sq.length; c++) {
          double r = held.x().get(i, c) - predicted.get(i, c);
          sq[c] += r * r;
        }
      }
      for (int c = 0; c < sq.length; c++) {
        spread[c] = (float) Math.sqrt(sq[c] / held.size());
      }
      return history;
    }

    @Override
    public Matrix sample(float[] observation, int n, long seed) {
      kit.checkRequest(observation, n);
      float[] y = kit.yStandard().apply(observation);
      Matrix center = model.evaluate(ops -> mean(ops, new Matrix(1, y.length, y)));
      // latent N(0, 1) draws first, in one sequence: the samples do not depend on the chunking
      return kit.sampleInChunks(n, kit.xDim(), kit.xDim(), seed, CHUNK, false, (ops, latent, random) -> {
        float[] out = new float[latent.rows() * kit.xDim()];
        for (int i = 0; i < out.length; i++) {
          int c = i % kit.xDim();
          out[i] = center.data()[c] + spread[c] * latent.data()[i];
        }
        return kit.xStandard().invert(new Matrix(latent.rows(), kit.xDim(), out));
      });
    }

    @Override
    public List<String> outOfRange(float[] observation) {
      return kit.outOfRange(observation);
    }

    @Override
    public void save(DataOutput out) throws IOException {
      model.save(out);
      for (float s : spread) {
        out.writeFloat(s);
      }
    }

    @Override
    public void load(DataInput in) throws IOException {
      build(0);
      model.load(in);
      for (int c = 0; c < spread.length; c++) {
        spread[c] = in.readFloat();
      }
    }
  }
}
