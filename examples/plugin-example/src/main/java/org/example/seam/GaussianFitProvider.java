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
import dev.inn.api.training.TrainingSchedule;
import dev.inn.api.training.TrainingEngine;
import jakarta.inject.Inject;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** q(x | y) = N(W y + b, diag(exp(2 s))), fitted by maximum likelihood with the project's trainer. */
public final class GaussianFitProvider implements MethodProvider {

  private final TrainingEngine engine;

  @Inject
  public GaussianFitProvider(TrainingEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "example-gaussian-fit";
  }

  @Override
  public String description() {
    return "example plugin: a linear-Gaussian posterior fitted by maximum likelihood";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new HashMap<>(engine.optimizerDefaults());
    d.put("steps", 600);
    d.put("batch", 256);
    d.put("lr", 0.02);
    d.put("lr_final", 0.002);
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
    return new Fit(engine.toolkit(name(), problem, schedule.threads()), schedule);
  }

  private final class Fit implements PosteriorMethod {
    private final int dx;
    private final int dy;
    private final MethodToolkit kit;
    private final TrainingSchedule schedule;
    private TrainableModel model;
    private Parameter weights;
    private Parameter bias;
    private Parameter logSd;

    Fit(MethodToolkit kit, TrainingSchedule schedule) {
      this.dx = kit.xDim();
      this.dy = kit.yDim();
      this.kit = kit;
      this.schedule = schedule;
      build(0);
    }

    private void build(long seed) {
      model = engine.newModel(seed, schedule.threads());
      weights = model.parameters().trainable("w", dy, dx, 0.1);
      bias = model.parameters().trainable("b", 1, dx, 0);
      logSd = model.parameters().trainable("log_sd", 1, dx, 0);
    }

    private Tensor negativeLogLikelihood(Ops ops, Dataset batch) {
      Tensor mean = ops.linear(ops.constant(batch.y()), weights, bias);
      Tensor residual = ops.sub(ops.constant(batch.x()), mean);
      Tensor standardised = ops.mulRow(residual, ops.exp(ops.scale(ops.use(logSd), -1f)));
      return ops.add(ops.scale(ops.mean(ops.square(standardised)), 0.5f * dx), ops.sum(ops.use(logSd)));
    }

    @Override
    public TrainingHistory train(Dataset data, TrainingContext context) {
      build(context.seed());
      return kit.train(model.parameters(), data,
          (ops, batch, random, step) -> List.of(new LossTerm("nll", 1, negativeLogLikelihood(ops, batch))),
          schedule, context, context.seed());
    }

    @Override
    public Matrix sample(float[] observation, int n, long seed) {
      Matrix mean = model.evaluate(ops -> ops.linear(ops.constant(new Matrix(1, dy, observation)), weights, bias));
      Matrix sd = model.evaluate(ops -> ops.exp(ops.use(logSd)));
      SplittableRandom r = new SplittableRandom(seed);
      float[] out = new float[n * dx];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (mean.data()[i % dx] + sd.data()[i % dx] * r.nextGaussian());
      }
      return new Matrix(n, dx, out);
    }

    @Override
    public void save(DataOutput out) throws IOException {
      model.save(out);
    }

    @Override
    public void load(DataInput in) throws IOException {
      build(0);
      model.load(in);
    }
  }
}
