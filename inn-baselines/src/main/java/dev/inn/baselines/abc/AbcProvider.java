package dev.inn.baselines.abc;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers {@code abc}, one provider for both schemes: {@code mode = "threshold"} (uses
 * {@code epsilon}) or {@code "quantile"} (uses {@code quantile}).
 */
public final class AbcProvider implements MethodProvider {

  @Override
  public String name() {
    return "abc";
  }

  @Override
  public String description() {
    return "rejection ABC, threshold (||s(x) - y*|| < epsilon) or quantile (n closest of n/q simulations)";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mode", "threshold");
    d.put("epsilon", 0.02);
    d.put("quantile", 0.005);
    d.put("max_simulations", 200_000_000L);
    d.put("chunk_size", 4096);
    d.put("threads", 0);
    d.put("keep", 256);
    d.put("kde", false);
    return d;
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public void validate(Settings settings) {
    AbcConfig.from(settings);
  }

  @Override
  public PosteriorMethod create(Problem problem, Settings settings) {
    return new Abc(problem, AbcConfig.from(settings));
  }
}
