package dev.inn.bench.sequential;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.ForwardingProblem;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.PublishedScore;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import dev.inn.api.random.SeededChoice;
import dev.inn.api.random.Seeds;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * A problem whose prior is the one a sequential model was trained under: the rounds' proposals
 * (round 1 the prior, later rounds the prior truncated to the previous estimate's high-density
 * region; by default a far wider round's pairs only where they lie in the last region), kept in
 * the model file as the parameters of the pairs the model was trained on. Maximum
 * likelihood on pairs x ~ pi, y ~ p(y | x) learns pi(x) p(y | x) / pi(y), so this mixture, not the
 * problem's prior, is what SBC, coverage and TARP must draw their test parameters from: drawn from
 * the full prior they would judge the model where it was never meant to hold. Test pairs take
 * parameters from the kept ones (without replacement) and simulate fresh observations for them;
 * everything else is the wrapped problem's, but for what holds under its full prior only (the exact
 * posterior, reference observations, published scores).
 */
public final class TruncatedPriorProblem extends ForwardingProblem {

  private final Matrix parameters;
  private final Simulator simulator;

  /**
   * @param base the problem the model was trained on; it needs a simulator
   * @param parameters the parameters of the model's training pairs, draws from its prior
   */
  public TruncatedPriorProblem(Problem base, Matrix parameters) {
    super(base);
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
    Matrix x = parameters.selectRows(SeededChoice.indices(parameters.rows(), Math.min(n, parameters.rows()), seed));
    Simulation s = simulator.simulate(x, Seeds.combine(seed, 1), 0);
    // the model never trained on invalid simulations, so they are no test of it either
    Dataset all = new Dataset(x, s.y());
    if (s.invalidCount() == 0) {
      return all;
    }
    int[] valid = new int[x.rows() - s.invalidCount()];
    for (int i = 0, k = 0; i < x.rows(); i++) {
      if (s.valid()[i]) {
        valid[k++] = i;
      }
    }
    return all.select(valid);
  }

  /** Drawn like {@link #sample}: the kept parameters with fresh simulations. */
  @Override
  public Dataset testSet(int n, long seed) {
    return sample(n, seed ^ 0x5DEECE66DL);
  }

  @Override
  public OptionalInt trainingPairs() {
    return OptionalInt.empty();
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
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = r.nextInt(parameters.rows());
      }
      return parameters.selectRows(rows);
    });
  }

  @Override
  public Optional<Simulator> simulator() {
    return Optional.of(simulator);
  }

  /** None: the wrapped problem's exact posterior holds under its full prior. */
  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return Optional.empty();
  }

  /** None: reference posteriors hold under the full prior. */
  @Override
  public List<ReferenceObservation> referenceObservations() {
    return List.of();
  }

  /** None: published scores hold under the full prior. */
  @Override
  public List<PublishedScore> publishedScores() {
    return List.of();
  }
}
