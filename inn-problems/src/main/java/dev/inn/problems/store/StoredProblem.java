package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.PublishedScore;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.api.problem.NoiselessForward;
import dev.inn.api.problem.Simulator;
import dev.inn.api.problem.Support;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.dataset.DatasetProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A problem whose training pairs come from a simulation store: {@link #sample} draws rows of the
 * store (a seeded random subset, all rows when n is the store's size); everything else (test
 * set, prior, support, simulator, reference posteriors) is the problem's own. The store must
 * have been simulated from the same problem with the same settings.
 */
public final class StoredProblem implements Problem {

  private final Problem base;
  private final Path folder;
  private final DatasetProblem rows;
  private final Dataset all;

  private StoredProblem(Problem base, Path folder, DatasetProblem rows, Dataset all) {
    this.base = base;
    this.folder = folder;
    this.rows = rows;
    this.all = all;
  }

  /**
   * {@code base} (registered as {@code name}, made from {@code settings}) trained on the store in
   * {@code folder}; a store of another problem or other settings is refused, naming the difference.
   */
  public static StoredProblem wrap(String name, Problem base, Settings settings, Path folder) {
    SimulationStore.Contents c = SimulationStore.read(folder);
    checkFits(name, base, settings, folder, c.problem(), c.settings(), c.seed(), c.xColumns(), c.yColumns(),
        c.data().ragged());
    DatasetProblem rows = new DatasetProblem(folder.toString(), c.xColumns(), c.yColumns(), c.data(),
        base.observationShape(), 0, 0);
    return new StoredProblem(base, folder, rows, c.data());
  }

  /**
   * Refuses a store of another problem, other settings, other columns or another kind of
   * observation than {@code base} (registered as {@code name}, made from {@code settings}).
   */
  static void checkFits(String name, Problem base, Settings settings, Path folder, String storedProblem,
      java.util.Map<String, String> storedSettings, long seed, List<String> xColumns, List<String> yColumns,
      boolean ragged) {
    if (!storedProblem.equals(name)) {
      throw new ConfigurationException("simulation store " + folder + " holds simulations of problem '"
          + storedProblem + "', not '" + name + "'");
    }
    StorePlan mine = StorePlan.of(name, base, settings, seed, 1, 1);
    List<String> diff = new ArrayList<>();
    for (String k : mine.settings().keySet()) {
      String stored = storedSettings.get(k);
      if (!mine.settings().get(k).equals(stored)) {
        diff.add(k + ": store " + (stored == null ? "(none)" : stored) + ", here " + mine.settings().get(k));
      }
    }
    for (String k : storedSettings.keySet()) {
      if (!mine.settings().containsKey(k)) {
        diff.add(k + ": store " + storedSettings.get(k) + ", here (none)");
      }
    }
    if (!diff.isEmpty()) {
      throw new ConfigurationException("simulation store " + folder + " was simulated with other settings of '" + name
          + "' (" + String.join("; ", diff) + ")");
    }
    if (!xColumns.equals(base.parameterNames()) || !yColumns.equals(base.observationNames())) {
      throw new ConfigurationException("simulation store " + folder + " has columns " + xColumns + " / "
          + yColumns + ", problem '" + name + "' has " + base.parameterNames() + " / " + base.observationNames());
    }
    if (ragged != base.observationShape().ragged()) {
      throw new ConfigurationException("simulation store " + folder + " holds " + (ragged
          ? "sets or sequences" : "observation vectors") + ", problem '" + name + "' observes a "
          + base.observationShape().describe());
    }
  }

  /** Pairs in the store. */
  public int storedPairs() {
    return rows.trainingRows();
  }

  /** Where the pairs come from. */
  public Path folder() {
    return folder;
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
  public dev.inn.api.data.ObservationShape observationShape() {
    return base.observationShape();
  }

  @Override
  public int latentDim() {
    return base.latentDim();
  }

  /** The store's pairs: {@link #sample} gives at most these. */
  @Override
  public java.util.OptionalInt trainingPairs() {
    return java.util.OptionalInt.of(all.size());
  }

  /** All the store's pairs in stored order when n is its size, else a seeded random subset. */
  @Override
  public Dataset sample(int n, long seed) {
    if (n > rows.trainingRows()) {
      throw new ConfigurationException("simulation store " + folder + " holds " + rows.trainingRows()
          + " pairs; " + n + " training pairs were asked for (simulate more with 'inn simulate ... --n " + n + "')");
    }
    return n == all.size() ? all : rows.sample(n, seed);
  }

  @Override
  public java.util.OptionalInt testPairs() {
    return base.testPairs();
  }

  @Override
  public Dataset testSet(int n, long seed) {
    return base.testSet(n, seed);
  }

  @Override
  public Optional<Prior> prior() {
    return base.prior();
  }

  @Override
  public Optional<Support> support() {
    return base.support();
  }

  @Override
  public Optional<Simulator> simulator() {
    return base.simulator();
  }

  @Override
  public Optional<NoiselessForward> noiselessForward() {
    return base.noiselessForward();
  }

  @Override
  public Optional<PosteriorSampler> exactPosterior() {
    return base.exactPosterior();
  }

  @Override
  public List<ReferenceObservation> referenceObservations() {
    return base.referenceObservations();
  }

  @Override
  public List<PublishedScore> publishedScores() {
    return base.publishedScores();
  }
}
