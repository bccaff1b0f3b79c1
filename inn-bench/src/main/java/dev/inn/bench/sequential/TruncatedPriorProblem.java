package dev.inn.bench.sequential;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Depiction;
import dev.inn.api.problem.ModeStructure;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.random.Seeds;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * A problem whose prior is the one a sequential model was trained under: the rounds' proposals
 * (round 1 the prior, later rounds the prior truncated to the previous estimate's high-density
 * region), kept in the model file as the parameters of its valid training pairs. Maximum
 * likelihood on pairs x ~ pi, y ~ p(y | x) learns pi(x) p(y | x) / pi(y), so this mixture, not the
 * problem's prior, is what SBC, coverage and TARP must draw their test parameters from: drawn from
 * the full prior they would judge the model where it was never meant to hold. Test pairs take
 * parameters from the kept ones (without replacement) and simulate fresh observations for them;
 * everything else is the wrapped problem's.
 */
public final class TruncatedPriorProblem implements Problem {

  private final Problem base;
  private final Matrix parameters;
  private final Simulator simulator;

  /**
   * @param base the problem the model was trained on; it needs a simulator
   * @param parameters the parameters of the model's training pairs, draws from its prior
   */
  public TruncatedPriorProblem(Problem base, Matrix parameters) {
    this.base = base;
    this.parameters = parameters;
    this.simulator = base.simulator().orElseThrow(() -> new IllegalArgumentException("problem '" + base.name()
        + "' has no simulator, so no test pairs can be drawn under a sequential model's truncated prior"));
    if (parameters.cols() != base.parameterDim() || parameters.rows() < 1) {
      throw new IllegalArgumentException("the model keeps " + parameters.rows() + " x " + parameters.cols()
          + " truncated-prior parameters; problem '" + base.name() + "' has " + base.parameterDim() + " parameters");
    }
  }

  /** How many parameter draws the model kept (the most test pairs there can be). */
  public int draws() {
    return parameters.rows();
  }

  @Override
  public Dataset sample(int n, long seed) {
    int[] pick = dev.inn.api.random.SeededChoice.indices(parameters.rows(), Math.min(n, parameters.rows()), seed);
    float[] d = new float[pick.length * parameters.cols()];
    for (int i = 0; i < pick.length; i++) {
      System.arraycopy(parameters.data(), pick[i] * parameters.cols(), d, i * parameters.cols(), parameters.cols());
    }
    Matrix x = new Matrix(pick.length, parameters.cols(), d);
    Simulation s = simulator.simulate(x, Seeds.combine(seed, 1), 0);
    // the model never trained on invalid simulations, so they are no test of it either
    int valid = 0;
    for (boolean v : s.valid()) {
      valid += v ? 1 : 0;
    }
    if (valid == x.rows()) {
      return new Dataset(x, s.y());
    }
    int dy = s.y().cols();
    float[] xd = new float[valid * x.cols()];
    float[] yd = new float[valid * dy];
    for (int i = 0, k = 0; i < x.rows(); i++) {
      if (s.valid()[i]) {
        System.arraycopy(x.data(), i * x.cols(), xd, k * x.cols(), x.cols());
        System.arraycopy(s.y().data(), i * dy, yd, k * dy, dy);
        k++;
      }
    }
    return new Dataset(new Matrix(valid, x.cols(), xd), new Matrix(valid, dy, yd));
  }

  @Override
  public OptionalInt testPairs() {
    return OptionalInt.of(parameters.rows());
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of((n, seed) -> {
      // with replacement: the prior standing in for scales (TARP, contraction) may be asked for more
      SplittableRandom r = new SplittableRandom(seed);
      float[] d = new float[n * parameters.cols()];
      for (int i = 0; i < n; i++) {
        System.arraycopy(parameters.data(), r.nextInt(parameters.rows()) * parameters.cols(), d, i * parameters.cols(),
            parameters.cols());
      }
      return new Matrix(n, parameters.cols(), d);
    });
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public List<String> parameterNames() {
    return base.parameterNames();
  }

  @Override
  public List<String> observationNames() {
    return base.observationNames();
  }

  @Override
  public ObservationShape observationShape() {
    return base.observationShape();
  }

  @Override
  public int latentDim() {
    return base.latentDim();
  }

  @Override
  public Optional<Support> support() {
    return base.support();
  }

  @Override
  public Optional<Simulator> simulator() {
    return Optional.of(simulator);
  }

  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return base.noiselessForward();
  }

  @Override
  public Optional<Depiction> depiction() {
    return base.depiction();
  }

  @Override
  public Optional<ModeStructure> modes() {
    return base.modes();
  }
}
