package dev.inn.problems.dataset;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Support;
import dev.inn.api.random.SeededChoice;
import java.util.List;
import java.util.Optional;

/**
 * A problem backed by a user's own simulated (x, y) pairs. It has no prior, simulator or
 * exact posterior (those {@code Optional}s are empty), so metrics that need them are not
 * available. A fixed, seeded split holds out test rows; {@link #sample} draws training rows
 * only and {@link #testSet} draws held-out rows only, both as seeded random subsets without
 * replacement.
 */
public final class DatasetProblem implements Problem {

  /** The registered name. */
  public static final String NAME = "dataset";

  private final String source;
  private final List<String> parameterNames;
  private final List<String> observationNames;
  private final Dataset data;
  private final ObservationShape shape;
  private final int[] trainRows;
  private final int[] testRows;
  private final double testFraction;
  private final long splitSeed;
  private final Optional<Support> support;

  /**
   * @param source where the data came from, for messages (e.g. the file name)
   * @param data all rows
   * @param testFraction the share of rows held out for {@link #testSet}
   * @param splitSeed fixes which rows are held out
   */
  public DatasetProblem(String source, List<String> parameterNames, List<String> observationNames, Dataset data,
      double testFraction, long splitSeed) {
    this(source, parameterNames, observationNames, data, new ObservationShape.Vector(observationNames.size()),
        testFraction, splitSeed);
  }

  /**
   * As above, for observations of the given shape: for a set or sequence {@code data} holds
   * padded rows with lengths and {@code observationNames} names one element's values.
   */
  public DatasetProblem(String source, List<String> parameterNames, List<String> observationNames, Dataset data,
      ObservationShape shape, double testFraction, long splitSeed) {
    this(source, parameterNames, observationNames, data, shape, testFraction, splitSeed, Optional.empty());
  }

  private DatasetProblem(String source, List<String> parameterNames, List<String> observationNames, Dataset data,
      ObservationShape shape, double testFraction, long splitSeed, Optional<Support> support) {
    boolean fits = shape.ragged() ? data.ragged() && data.y().cols() % observationNames.size() == 0
        : !data.ragged() && observationNames.size() == data.y().cols();
    if (parameterNames.size() != data.x().cols() || !fits || observationNames.size() != shape.elementWidth()) {
      throw new IllegalArgumentException("names do not match the data's columns");
    }
    this.shape = shape;
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("setting 'test_fraction' of problem '" + NAME + "' must be in [0, 1), got "
          + testFraction);
    }
    this.source = source;
    this.parameterNames = List.copyOf(parameterNames);
    this.observationNames = List.copyOf(observationNames);
    this.data = data;
    this.testFraction = testFraction;
    this.splitSeed = splitSeed;
    this.support = support;
    int n = data.size();
    int[] order = SeededChoice.indices(n, n, splitSeed);
    int test = (int) Math.round(n * testFraction);
    this.testRows = java.util.Arrays.copyOfRange(order, n - test, n);
    this.trainRows = java.util.Arrays.copyOfRange(order, 0, n - test);
  }

  /**
   * The same data with the prior's support declared by the user (e.g. a uniform prior's
   * bounds), so that methods keep posterior samples inside it; the caller has checked that
   * every parameter row lies inside.
   */
  public DatasetProblem withSupport(Support declared) {
    if (declared.dim() != parameterNames.size()) {
      throw new IllegalArgumentException("support for " + declared.dim() + " parameters, the data have "
          + parameterNames.size());
    }
    return new DatasetProblem(source, parameterNames, observationNames, data, shape, testFraction, splitSeed,
        Optional.of(declared));
  }

  @Override
  public Optional<Support> support() {
    return support;
  }

  /** All rows, training and held out. */
  Dataset allRows() {
    return data;
  }

  /** Rows available to {@link #sample}. */
  public int trainingRows() {
    return trainRows.length;
  }

  /** Rows available to {@link #testSet}. */
  public int testRows() {
    return testRows.length;
  }

  @Override
  public java.util.OptionalInt trainingPairs() {
    return java.util.OptionalInt.of(trainRows.length);
  }

  @Override
  public java.util.OptionalInt testPairs() {
    return java.util.OptionalInt.of(testRows.length);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return parameterNames;
  }

  @Override
  public List<String> observationNames() {
    return observationNames;
  }

  @Override
  public ObservationShape observationShape() {
    return shape;
  }

  /** {@code n} training rows in a seeded random order; more than {@link #trainingRows()} is an error. */
  @Override
  public Dataset sample(int n, long seed) {
    return data.select(subset(trainRows, n, seed, "training", "sample"));
  }

  /** {@code n} held-out rows in a seeded random order; more than {@link #testRows()} is an error. */
  @Override
  public Dataset testSet(int n, long seed) {
    return data.select(subset(testRows, n, seed, "held-out test", "testSet"));
  }

  private int[] subset(int[] rows, int n, long seed, String what, String method) {
    if (n < 0 || n > rows.length) {
      throw new IllegalArgumentException("problem '" + NAME + "' (" + source + ") has " + rows.length + " " + what
          + " rows (" + data.size() + " in all, " + testRows.length + " held out for testing); " + method
          + " asked for " + n);
    }
    return java.util.Arrays.copyOf(SeededChoice.moveToFront(rows.clone(), n, seed), n);
  }
}
