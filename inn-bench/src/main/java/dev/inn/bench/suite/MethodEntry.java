package dev.inn.bench.suite;

import dev.inn.api.settings.Settings;
import java.util.List;

/**
 * One method of a suite, e.g. the INN or one of its ablations.
 *
 * @param label the name shown in tables (unique within the suite), e.g. "INN, only L_x"
 * @param plugin the registered method name
 * @param settings resolved method settings
 * @param problems labels of the problems it runs on (empty: all)
 */
public record MethodEntry(String label, String plugin, Settings settings, List<String> problems) {

  public MethodEntry {
    problems = List.copyOf(problems);
  }
}
