package dev.inn.api.training;

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
   * its own {@code defaults()} and passes its settings to {@link TrainableModel#train}.
   */
  Map<String, Object> optimizerDefaults();
}
