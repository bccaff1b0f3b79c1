package dev.inn.baselines.method;

import dev.inn.api.method.MethodProvider;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import dev.inn.core.training.OptimizerConfig;
import java.util.Map;
import java.util.function.Function;

/**
 * The provider of a gradient-trained baseline: its name, one line, its defaults, the parser
 * that turns settings into the method's config record (run by {@link #validate}, so a bad value
 * fails when a suite is read) and the method made from that record. A baseline's provider is
 * one constructor call.
 *
 * @param <C> the method's config record
 */
public abstract class NetworkMethodProvider<C> implements MethodProvider {

  /** Makes the untrained method from its registered name, the problem and its parsed config. */
  @FunctionalInterface
  protected interface Factory<C> {
    /** The untrained method. */
    PosteriorMethod create(String name, Problem problem, C config);
  }

  private final String name;
  private final String description;
  private final Map<String, Object> defaults;
  private final Function<Settings, C> parser;
  private final Factory<C> factory;

  /**
   * @param name the registered name
   * @param description one line for {@code inn list}
   * @param defaults every accepted setting with its default
   * @param parser parses and checks settings merged over the defaults
   * @param factory makes the method from the parsed config
   */
  protected NetworkMethodProvider(String name, String description, Map<String, Object> defaults,
      Function<Settings, C> parser, Factory<C> factory) {
    this.name = name;
    this.description = description;
    this.defaults = Map.copyOf(defaults);
    this.parser = parser;
    this.factory = factory;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  /** The trainer's shared settings explained; the method's own are listed with their defaults. */
  @Override
  public final Map<String, String> settingDescriptions() {
    return OptimizerConfig.descriptions();
  }

  @Override
  public final Map<String, Object> defaults() {
    return defaults;
  }

  /** Parses the settings as {@code create} does, so a bad value fails when a suite is read. */
  @Override
  public final void validate(Settings settings) {
    parser.apply(settings);
  }

  @Override
  public final PosteriorMethod create(Problem problem, Settings settings) {
    return factory.create(name, problem, parser.apply(settings));
  }
}
