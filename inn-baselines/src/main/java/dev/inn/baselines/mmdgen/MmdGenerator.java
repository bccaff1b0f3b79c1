package dev.inn.baselines.mmdgen;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.Kernel;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.baselines.method.SingleStoreMethod;
import dev.inn.api.nn.Activation;
import dev.inn.api.nn.DenseNet;
import dev.inn.losses.mmd.Mmd;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generator G([z, y]) -> x trained by MMD between the generated pairs [G(z, y), y] and the
 * true pairs [x, y] of a batch (paper appendix Sec. 2, "Generator + MMD"). Unlike the INN's
 * L_x, the kernel sees y, so matching the joint distribution conditions G on y.
 */
public final class MmdGenerator extends SingleStoreMethod {

  private final MmdGeneratorConfig config;
  private final Kernel kernel;
  private final Activation activation;
  private final int zDim;
  private DenseNet generator;

  public MmdGenerator(String name, Problem problem, MmdGeneratorConfig config, Kernel kernel) {
    super(name, problem, config.standardize(), config.optimizer());
    this.config = config;
    this.kernel = kernel;
    this.activation = Activation.named(config.activation());
    this.zDim = latentDim(config.latentDim());
    build(0);
  }

  @Override
  protected void buildNetworks(Parameters root) {
    generator = new DenseNet(root.scope("generator"), zDim + yDim(), config.hidden(), config.layers(), xDim(),
        activation, 0, false);
  }

  @Override
  protected List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step) {
    Tensor y = ops.constant(batch.y());
    Tensor fake = generator.apply(ops, ops.concatColumns(ops.constant(gaussian(random, batch.size(), zDim)), y));
    Tensor mmd = Mmd.loss(ops, ops.concatColumns(fake, y), ops.concatColumns(ops.constant(batch.x()), y), kernel);
    return List.of(new LossTerm("L_mmd", 1, mmd));
  }

  @Override
  protected int noiseColumns() {
    return zDim;
  }

  @Override
  protected Tensor generate(Ops ops, Matrix y, Matrix latent, SplittableRandom random) {
    Tensor z = ops.constant(latent);
    return generator.apply(ops, ops.concatColumns(z, ops.constant(y)));
  }
}
