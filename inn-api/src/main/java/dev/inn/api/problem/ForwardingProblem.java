package dev.inn.api.problem;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.ObservationShape;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A problem that is another problem with some parts replaced: every method answers what the
 * wrapped problem answers until a subclass overrides it (e.g. training pairs read from a store,
 * or test pairs drawn under another prior). A subclass that changes what x is drawn from must
 * also override the parts that depend on the prior (exact posterior, reference observations,
 * published scores), since the wrapped problem's answers hold under its own prior only.
 */
public abstract class ForwardingProblem implements Problem {

  /** The wrapped problem. */
  protected final Problem base;

  /** @param base the problem whose answers this one gives unless overridden */
  protected ForwardingProblem(Problem base) {
    this.base = base;
  }

  /** The wrapped problem's name. */
  @Override
  public String name() {
    return base.name();
  }

  /** The wrapped problem's parameter names. */
  @Override
  public List<String> parameterNames() {
    return base.parameterNames();
  }

  /** The wrapped problem's observation names. */
  @Override
  public List<String> observationNames() {
    return base.observationNames();
  }

  /** The wrapped problem's observation shape. */
  @Override
  public ObservationShape observationShape() {
    return base.observationShape();
  }

  /** The wrapped problem's latent dimension. */
  @Override
  public int latentDim() {
    return base.latentDim();
  }

  /** The wrapped problem's training pairs. */
  @Override
  public Dataset sample(int n, long seed) {
    return base.sample(n, seed);
  }

  /** The wrapped problem's test pairs. */
  @Override
  public Dataset testSet(int n, long seed) {
    return base.testSet(n, seed);
  }

  /** The wrapped problem's limit on training pairs. */
  @Override
  public OptionalInt trainingPairs() {
    return base.trainingPairs();
  }

  /** The wrapped problem's limit on test pairs. */
  @Override
  public OptionalInt testPairs() {
    return base.testPairs();
  }

  /** The wrapped problem's prior. */
  @Override
  public Optional<Prior> prior() {
    return base.prior();
  }

  /** The wrapped problem's support. */
  @Override
  public Optional<Support> support() {
    return base.support();
  }

  /** The wrapped problem's simulator. */
  @Override
  public Optional<Simulator> simulator() {
    return base.simulator();
  }

  /** The wrapped problem's noiseless forward process. */
  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return base.noiselessForward();
  }

  /** The wrapped problem's exact posterior. */
  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return base.exactPosterior();
  }

  /** The wrapped problem's reference observations. */
  @Override
  public List<ReferenceObservation> referenceObservations() {
    return base.referenceObservations();
  }

  /** The wrapped problem's published scores. */
  @Override
  public List<PublishedScore> publishedScores() {
    return base.publishedScores();
  }

  /** The wrapped problem's depiction. */
  @Override
  public Optional<Depiction> depiction() {
    return base.depiction();
  }

  /** The wrapped problem's mode structure. */
  @Override
  public Optional<ModeStructure> modes() {
    return base.modes();
  }
}
