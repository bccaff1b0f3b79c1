package dev.inn.problems.noiseless;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.api.problem.Simulator;
import java.util.Optional;

/**
 * A problem without measurement noise: y is a deterministic function of x. Its prior is its own
 * draws, its simulator is the noiseless process (which ignores the seed), and a training pair is
 * a prior draw and its image.
 */
public abstract class NoiselessProblem implements Problem {

  /** {@code n} prior draws, one per row, reproducible for {@code seed}. */
  protected abstract Matrix drawPrior(int n, long seed);

  /** y = s(x) for every row of {@code x}; rows where the process is undefined are marked invalid. */
  protected abstract Simulation simulate(Matrix x);

  @Override
  public Dataset sample(int n, long seed) {
    Matrix x = drawPrior(n, seed);
    return new Dataset(x, simulate(x).y());
  }

  @Override
  public Optional<Prior> prior() {
    return Optional.of(this::drawPrior);
  }

  /** The model has no measurement noise: the simulator is the noiseless process and ignores its seed. */
  @Override
  public Optional<Simulator> simulator() {
    return Optional.of((x, seed, firstRow) -> simulate(x));
  }

  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return Optional.of(this::simulate);
  }
}
