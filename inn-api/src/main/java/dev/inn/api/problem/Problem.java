package dev.inn.api.problem;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.data.ObservationShape;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An inverse problem: hidden parameters x, observations y, and how to draw (x, y) pairs.
 * Simulated problems have a prior and a stochastic model y ~ p(y | x) (a {@link Simulator}),
 * and may have a noiseless forward process y = s(x); a problem backed by a user's data set has
 * none of them, and says so through the optional parts.
 */
public interface Problem {

  /** The registered name, e.g. {@code "gaussian-mixture-8"}. */
  String name();

  /** Names of the hidden parameters x, in column order. */
  List<String> parameterNames();

  /**
   * Names of the observations y, in column order; for a set or a sequence (see {@link
   * #observationShape()}) the names of one element's values (a set row's columns, a step's
   * channels).
   */
  List<String> observationNames();

  /**
   * What one observation is: by default a vector of {@link #observationDim()} values. A problem
   * whose observations are sets or sequences (ragged, see {@link ObservationShape}) overrides it,
   * and its {@link #sample} returns padded rows with their lengths.
   */
  default ObservationShape observationShape() {
    return new ObservationShape.Vector(observationDim());
  }

  /** The number of hidden parameters, dim x. */
  default int parameterDim() {
    return parameterNames().size();
  }

  /** The number of observed values, dim y; for a set or sequence, the values per element. */
  default int observationDim() {
    return observationNames().size();
  }

  /**
   * The dimension of the paper INN's latent z. By default dim x: with measurement noise, y
   * does not pin down any direction of x exactly, so z must be able to carry the posterior's
   * spread in every direction. A problem whose y is a noiseless function of x overrides it with
   * dim x minus the intrinsic dimension of y (one-hot labels have intrinsic dimension 0).
   */
  default int latentDim() {
    return parameterDim();
  }

  /**
   * {@code n} pairs (x ~ prior, y = s(x) with the problem's measurement noise), reproducible
   * for a seed. Data-set problems draw rows of their file.
   */
  Dataset sample(int n, long seed);

  /** Observations with held-out ground truth for evaluation, disjoint from training draws. */
  default Dataset testSet(int n, long seed) {
    return sample(n, seed ^ 0x5DEECE66DL);
  }

  /**
   * The most training pairs {@link #sample} can give (a data set's training rows), or empty
   * when there is no limit (a simulator draws as many as asked).
   */
  default OptionalInt trainingPairs() {
    return OptionalInt.empty();
  }

  /**
   * The most pairs {@link #testSet} can give (a data set's held-out rows), or empty when there
   * is no limit (a simulator draws as many as asked).
   */
  default OptionalInt testPairs() {
    return OptionalInt.empty();
  }

  /** Draws from the prior p(x), when the problem has one. */
  default Optional<Prior> prior() {
    return Optional.empty();
  }

  /**
   * The bounds of the prior's support, when the problem declares them (see {@link Support});
   * a method may use them to keep its samples inside.
   */
  default Optional<Support> support() {
    return Optional.empty();
  }

  /**
   * The full stochastic model y ~ p(y | x), measurement noise included, reproducible from a
   * seed (see {@link Simulator}), when the problem has one. Prior draws simulated by it are
   * pairs from the same joint distribution as {@link #sample}, though not the same numbers.
   */
  default Optional<Simulator> simulator() {
    return Optional.empty();
  }

  /**
   * The deterministic forward process y = s(x) without measurement noise, when the model has
   * one (see {@link NoiselessForward}); re-simulation metrics use it, and fall back on
   * {@link #simulator()} without it.
   */
  default Optional<NoiselessForward> noiselessForward() {
    return Optional.empty();
  }

  /** An exact sampler of p(x | y), when one is known. */
  default Optional<PosteriorSampler> exactPosterior() {
    return Optional.empty();
  }

  /**
   * Fixed observations with published reference posteriors (e.g. a benchmark's official
   * observations), in their published order; empty for most problems. A suite with
   * {@code observations = "reference"} scores methods on exactly these.
   */
  default List<ReferenceObservation> referenceObservations() {
    return List.of();
  }

  /**
   * Published values of metrics on this problem (e.g. a benchmark paper's table), which
   * reports print beside the suite's own results at the same simulation budget; usually empty.
   */
  default List<PublishedScore> publishedScores() {
    return List.of();
  }

  /**
   * The problem's own picture of parameter vectors (e.g. an arm pose per sample), which
   * reports draw for its posterior samples; empty for most problems.
   */
  default Optional<Depiction> depiction() {
    return Optional.empty();
  }

  /**
   * The separated modes of its posteriors, when the problem knows them (e.g. a mixture's
   * components), for metrics that score how samples share them; empty for most problems.
   */
  default Optional<ModeStructure> modes() {
    return Optional.empty();
  }

  /** A prior distribution over x. */
  interface Prior {
    /** {@code n} draws, one per row. */
    Matrix sample(int n, long seed);
  }

  /** Exact posterior draws for one observation. */
  interface PosteriorSampler {
    Matrix sample(float[] observation, int n, long seed);
  }
}
