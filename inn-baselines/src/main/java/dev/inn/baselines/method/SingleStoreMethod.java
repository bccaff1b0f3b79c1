package dev.inn.baselines.method;

import dev.inn.api.data.Dataset;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.problem.Problem;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.core.param.ParameterStore;
import dev.inn.core.training.OptimizerConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network baseline whose networks all live in one parameter store and train together on one
 * batch loss (the cVAE, the MMD generator, the dropout regression; not the cGAN, whose
 * discriminator has its own store and steps). The store is built from the seed with the
 * networks first and the standardisers last, which fixes the initial weights.
 */
public abstract class SingleStoreMethod extends NetworkMethod {

  private ParameterStore params;

  /** As {@link NetworkMethod#NetworkMethod}; the subclass constructor calls {@code build(0)}. */
  protected SingleStoreMethod(String name, Problem problem, boolean standardize, OptimizerConfig optimizer) {
    super(name, problem, standardize, optimizer);
  }

  /** Creates the networks under {@code root} of a fresh store. */
  protected abstract void buildNetworks(Parameters root);

  /** The loss terms of one standardised batch at training step {@code step}. */
  protected abstract List<LossTerm> terms(Ops ops, Dataset batch, SplittableRandom random, int step);

  @Override
  protected final void build(long seed) {
    params = new ParameterStore(seed);
    buildNetworks(params.root());
    kit.addStandardizers(params.root().scope("standardize"));
  }

  @Override
  protected final List<ParameterStore> stores() {
    return List.of(params);
  }

  @Override
  protected final TrainingHistory fit(Dataset scaled, TrainingContext context) {
    return trainOn(params, scaled, this::terms, context);
  }
}
