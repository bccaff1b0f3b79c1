package dev.inn.baselines.dropout;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.baselines.method.SingleStoreMethod;
import dev.inn.baselines.nn.DropoutNet;
import dev.inn.api.nn.Activation;
import dev.inn.losses.regression.SquaredError;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network y -> x. With aleatoric variance it outputs a mean mu and a log-variance s per
 * parameter, trained with the heteroscedastic Gaussian negative log-likelihood
 * 0.5 exp(-s) (x - mu)^2 + 0.5 s (Kendall and Gal 2017); without, it regresses x by squared
 * error. Dropout stays on when sampling: each posterior draw is one dropout pass (epistemic
 * spread) plus, with aleatoric variance, Gaussian noise of the predicted variance. With
 * neither, every draw is the same point estimate (n copies), as the classical NN of the
 * paper's Table 1. Either way the output is unimodal by construction.
 */
public final class DropoutRegression extends SingleStoreMethod {

  private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

  private final DropoutConfig config;
  private final Activation activation;
  private DropoutNet net;

  public DropoutRegression(String name, Problem problem, DropoutConfig config) {
    super(name, problem, config.standardize(), config.optimizer());
    this.config = config;
    this.activation = Activation.named(config.activation());
    build(0);
  }

  @Override
  protected void buildNetworks(Parameters root) {
    int out = config.aleatoric() ? 2 * xDim() : xDim();
    net = new DropoutNet(root.scope("net"), yDim(), config.hidden(), config.layers(), out, activation,
        config.dropout());
  }

  @Override
  protected List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    Tensor out = net.apply(ops, ops.constant(batch.y()), random);
    Tensor x = ops.constant(batch.x());
    if (!config.aleatoric()) {
      return List.of(new LossTerm("L_mse", 1, SquaredError.loss(ops, out, x)));
    }
    int d = xDim();
    int n = batch.size();
    Tensor mu = ops.columns(out, 0, d);
    Tensor logVar = ops.columns(out, d, 2 * d);
    Tensor err = ops.square(ops.sub(x, mu));
    Tensor perElement = ops.add(ops.mul(ops.exp(ops.scale(logVar, -1f)), err), logVar);
    Tensor nll = ops.add(ops.scale(ops.sum(perElement), 0.5f / n),
        ops.constant(new Matrix(1, 1, new float[] {HALF_LOG_2PI * d})));
    return List.of(new LossTerm("L_nll", 1, nll));
  }

  @Override
  protected int noiseColumns() {
    return 0;
  }

  @Override
  protected boolean drawsWhileGenerating() {
    return true;
  }

  @Override
  protected Tensor generate(Ops ops, Matrix y, Matrix latent, SplittableRandom random) {
    Tensor out = net.apply(ops, ops.constant(y), random);
    if (!config.aleatoric()) {
      return out;
    }
    int d = xDim();
    Tensor std = ops.exp(ops.scale(ops.columns(out, d, 2 * d), 0.5f));
    return ops.add(ops.columns(out, 0, d), ops.mul(std, ops.constant(gaussian(random, y.rows(), d))));
  }
}
