package dev.inn.baselines.cvae;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.baselines.iaf.InverseAutoregressiveFlow;
import dev.inn.baselines.method.SingleStoreMethod;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import dev.inn.losses.regression.SquaredError;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Conditional VAE: encoder [x, y] -> (mu_z, log sigma_z), reparameterised z, decoder
 * [z, y] -> x; loss recon_weight * |x - x_rec|^2 + kl_weight * KL(q(z | x, y) || N(0, I)).
 * With an inverse autoregressive flow between encoder and decoder (cvae-iaf) the encoder
 * also emits a context h, z_0 is pushed through the flow, and KL is the single-sample
 * estimate log q(z_T | x, y) - log p(z_T) including the flow's log-determinant. Sampling
 * draws z ~ N(0, I) from the prior and decodes it with y* (the flow shapes only the
 * approximate posterior).
 */
public final class Cvae extends SingleStoreMethod {

  private final CvaeConfig config;
  private final Activation activation;
  private final int zDim;
  private DenseNet encoder;
  private DenseNet decoder;
  private InverseAutoregressiveFlow flow;

  public Cvae(String name, Problem problem, CvaeConfig config) {
    super(name, problem, config.standardize(), config.optimizer());
    this.config = config;
    this.activation = Activation.named(config.activation());
    this.zDim = latentDim(config.latentDim());
    build(0);
  }

  @Override
  protected void buildNetworks(Parameters root) {
    int context = config.iaf() == null ? 0 : config.iaf().context();
    encoder = new DenseNet(root.scope("encoder"), xDim() + yDim(), config.hidden(), config.layers(),
        2 * zDim + context, activation, 0, false);
    decoder = new DenseNet(root.scope("decoder"), zDim + yDim(), config.hidden(), config.layers(), xDim(),
        activation, 0, false);
    flow = config.iaf() == null ? null : new InverseAutoregressiveFlow(root.scope("iaf"), zDim, context,
        config.iaf().hidden(), config.iaf().layers(), config.iaf().steps(), activation);
  }

  /** Dimension of the latent z. */
  public int latentDim() {
    return zDim;
  }

  /** The negative ELBO of one batch as reconstruction and KL terms. */
  @Override
  protected List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    int n = batch.size();
    Tensor x = ops.constant(batch.x());
    Tensor y = ops.constant(batch.y());
    Tensor enc = encoder.apply(ops, ops.concatColumns(x, y));
    Tensor mu = ops.columns(enc, 0, zDim);
    Tensor logSigma = ops.columns(enc, zDim, 2 * zDim);
    Matrix epsValues = gaussian(random, n, zDim);
    Tensor eps = ops.constant(epsValues);
    Tensor z = ops.add(mu, ops.mul(ops.exp(logSigma), eps));
    Tensor kl;
    if (flow == null) {
      // closed form: 0.5 sum (mu^2 + sigma^2 - 1 - 2 log sigma), averaged over the batch
      Tensor perElement = ops.sub(ops.add(ops.square(mu), ops.exp(ops.scale(logSigma, 2f))),
          ops.scale(logSigma, 2f));
      kl = ops.add(ops.scale(ops.sum(perElement), 0.5f / n), ops.constant(scalar(-0.5f * zDim)));
    } else {
      InverseAutoregressiveFlow.Result r = flow.forward(ops, z, ops.columns(enc, 2 * zDim, enc.cols()));
      z = r.z();
      // log q(z_T) = sum(-eps^2 / 2 - log sigma) - logdet (+ const), log p(z_T) = -|z_T|^2 / 2 (+ same const)
      double epsTerm = 0;
      for (float e : epsValues.data()) {
        epsTerm -= 0.5 * e * e;
      }
      Tensor logQ = ops.sub(ops.scale(ops.sum(logSigma), -1f), ops.sum(r.logDet()));
      Tensor logP = ops.scale(ops.sum(ops.square(z)), -0.5f);
      kl = ops.add(ops.scale(ops.sub(logQ, logP), 1f / n), ops.constant(scalar((float) (epsTerm / n))));
    }
    Tensor xRec = decoder.apply(ops, ops.concatColumns(z, y));
    return List.of(new LossTerm("L_rec", config.reconWeight(), SquaredError.loss(ops, xRec, x)),
        new LossTerm("L_kl", config.klWeight(), kl));
  }

  private static Matrix scalar(float v) {
    return new Matrix(1, 1, new float[] {v});
  }

  @Override
  protected int noiseColumns() {
    return zDim;
  }

  @Override
  protected Tensor generate(Ops ops, Matrix y, Matrix latent, SplittableRandom random) {
    Tensor z = ops.constant(latent);
    return decoder.apply(ops, ops.concatColumns(z, ops.constant(y)));
  }
}
