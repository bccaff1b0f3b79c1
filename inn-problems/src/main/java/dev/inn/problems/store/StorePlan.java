package dev.inn.problems.store;

import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.api.random.Seeds;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything that fixes the numbers of a simulation store: the problem and its settings (as
 * TOML text, without settings that only change how simulations run), the base seed, the number
 * of pairs and the chunk size. Chunk c holds rows [c chunkSize, (c + 1) chunkSize) simulated from
 * {@link #chunkSeed}(c), so any machine computes the same chunk from the plan alone.
 *
 * @param problem the registered problem name
 * @param settings the problem's settings as TOML literals, sorted by key
 * @param seed base seed
 * @param n pairs in all
 * @param chunkSize pairs per chunk
 * @param xColumns parameter names
 * @param yColumns observation names (for sets and sequences: one element's values)
 * @param observation {@code "vector"}, or {@code "set"} / {@code "sequence"} for ragged
 *     observations, whose chunks also hold their lengths
 */
public record StorePlan(String problem, Map<String, String> settings, long seed, long n, int chunkSize,
    List<String> xColumns, List<String> yColumns, String observation) implements Serializable {

  public StorePlan {
    if (n < 1) {
      throw new IllegalArgumentException("a simulation store needs at least 1 pair, got --n " + n);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    if ((n + chunkSize - 1) / chunkSize > 99_999) {
      throw new IllegalArgumentException(n + " pairs in chunks of " + chunkSize + " make more than 99 999 chunks; "
          + "use a larger --chunk");
    }
    if (!List.of(VECTOR, "set", "sequence").contains(observation)) {
      throw new IllegalArgumentException("a store holds vectors, sets or sequences, not '" + observation + "'");
    }
    settings = new TreeMap<>(settings);
    xColumns = List.copyOf(xColumns);
    yColumns = List.copyOf(yColumns);
  }

  /** Observations of fixed length. */
  static final String VECTOR = "vector";

  /** The word a store writes for an observation shape. */
  static String kindOf(ObservationShape shape) {
    return shape instanceof ObservationShape.Set ? "set" : shape instanceof ObservationShape.Sequence ? "sequence"
        : VECTOR;
  }

  /** True when chunks hold sets or sequences with a lengths file. */
  public boolean ragged() {
    return !observation.equals(VECTOR);
  }

  /** The plan of {@code n} pairs of {@code problem}, created by plugin {@code name} from {@code settings}. */
  public static StorePlan of(String name, Problem problem, Settings settings, long seed, long n, int chunkSize) {
    Set<String> execution = problem instanceof SimulationSource s ? s.executionSettings() : Set.of();
    Map<String, String> text = new LinkedHashMap<>();
    settings.asMap().forEach((k, v) -> {
      if (!execution.contains(k)) {
        text.put(k, SettingText.render(v));
      }
    });
    return new StorePlan(name, text, seed, n, chunkSize, problem.parameterNames(), problem.observationNames(),
        kindOf(problem.observationShape()));
  }

  public int chunks() {
    return (int) ((n + chunkSize - 1) / chunkSize);
  }

  /** Pairs in chunk {@code c} (the last may be short). */
  public int rows(int c) {
    return (int) Math.min(chunkSize, n - (long) c * chunkSize);
  }

  /** The seed chunk {@code c} is simulated from. */
  public long chunkSeed(int c) {
    return Seeds.derive(seed, c);
  }
}
