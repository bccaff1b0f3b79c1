package dev.inn.problems.store;

import dev.inn.api.data.Dataset;
import dev.inn.api.problem.ForwardingProblem;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.ConfigurationException;
import dev.inn.api.settings.Settings;
import dev.inn.problems.dataset.DatasetProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A problem whose training pairs come from a simulation store: {@link #sample} draws rows of the
 * store (a seeded random subset, all rows when n is the store's size); everything else (test
 * set, prior, support, simulator, reference posteriors) is the problem's own. The store must
 * have been simulated from the same problem with the same settings.
 */
public final class StoredProblem extends ForwardingProblem {

  private final Path folder;
  private final DatasetProblem rows;
  private final Dataset all;

  private StoredProblem(Problem base, Path folder, DatasetProblem rows, Dataset all) {
    super(base);
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

  /** The store's pairs: {@link #sample} gives at most these. */
  @Override
  public OptionalInt trainingPairs() {
    return OptionalInt.of(all.size());
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
}
