package dev.inn.api.training;

import dev.inn.api.problem.Problem;
import dev.inn.api.settings.Settings;
import java.util.Map;

/**
 * The project's training machinery for plugins: inject it ({@code @jakarta.inject.Inject}
 * constructor parameter) and make a {@link TrainableModel} per training run. Gives a
 * third-party method the same autodiff, thread pool and trainer the built-in methods use.
 */
public interface TrainingEngine {

  /**
   * An empty model whose parameters draw their initial values from {@code seed}.
   *
   * @param seed the seed of the initial values (same seed, same model)
   * @param threads threads for the matrix products (0: one per core)
   */
  TrainableModel newModel(long seed, int threads);

  /**
   * The optimiser's setting keys with their defaults ({@code steps}, {@code batch}, {@code lr},
   * ...; {@code steps = 0} trains epochs with early stopping). A trainable method adds them to
   * its own {@code defaults()} and parses its settings with {@link #schedule}.
   */
  Map<String, Object> optimizerDefaults();

  /**
   * Parses optimiser settings once, keyed as in {@link #optimizerDefaults()}.
   *
   * @param optimizer the method's settings (unknown keys are ignored here)
   * @return the schedule to pass to {@link MethodToolkit#train}
   */
  TrainingSchedule schedule(Settings optimizer);

  /**
   * The toolkit of one method instance for a problem observed as vectors; a problem with sets
   * or sequences is refused with a message naming the method.
   *
   * @param method the method's name
   * @param problem the problem it learns
   * @param threads threads for matrix products and sampling chunks (0: one per core)
   * @return the toolkit
   */
  MethodToolkit toolkit(String method, Problem problem, int threads);

  /**
   * As {@link #toolkit}, for a method that also conditions on sets and sequences.
   *
   * @param method the method's name
   * @param problem the problem it learns
   * @param threads threads for matrix products and sampling chunks (0: one per core)
   * @param minimumLength the fewest elements an observation set or sequence must have
   * @return the toolkit
   */
  MethodToolkit raggedToolkit(String method, Problem problem, int threads, int minimumLength);
}
