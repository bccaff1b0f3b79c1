package dev.inn.bench.suite;

import dev.inn.api.settings.Settings;
import java.util.List;
import java.util.Optional;

/**
 * One method of a suite, e.g. the INN or one of its ablations.
 *
 * @param label the name shown in tables (unique within the suite), e.g. "INN, only L_x"
 * @param plugin the registered method name
 * @param settings resolved method settings
 * @param problems labels of the problems it runs on (empty: all)
 * @param sequential present when the method runs sequentially, once per test observation
 */
public record MethodEntry(String label, String plugin, Settings settings, List<String> problems,
    Optional<SequentialOptions> sequential) {

  public MethodEntry {
    problems = List.copyOf(problems);
  }

  /** An amortized method: trained once, sampled for every test observation. */
  public MethodEntry(String label, String plugin, Settings settings, List<String> problems) {
    this(label, plugin, settings, problems, Optional.empty());
  }
}
