package dev.inn.bench.harness;

import dev.inn.api.data.Dataset;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models trained for the suite's previous and current problem entry, so that entries that
 * differ only in settings of their test observations (a set problem scored at several set sizes,
 * on data from a shifted model) train one model and score it for each. A model is taken again
 * only when the problem plugin, the method plugin and its settings, the seed and the training
 * pairs (compared value by value) are all the same: training is reproducible for a seed, so the
 * shared model is the one each entry would have trained, without the work. Only the entries just
 * before are kept, which bounds the memory to one problem's models.
 */
final class TrainedModels {

  /** A trained model and what its training cost, with the entry that trained it. */
  record Trained(PosteriorMethod instance, TrainingHistory history, double trainSeconds, String entry) {}

  private record Kept(String problem, String method, Settings settings, long seed, Dataset data, Trained trained) {}

  private List<Kept> previous = List.of();
  private final List<Kept> current = new ArrayList<>();

  /** Starts a new problem entry: the models of the entry before stay available, older ones are dropped. */
  void nextEntry() {
    if (!current.isEmpty()) {
      previous = List.copyOf(current);
      current.clear();
    }
  }

  /** The model a previous or the current entry trained with the same problem, method, settings, seed and data. */
  Optional<Trained> find(String problem, String method, Settings settings, long seed, Dataset data) {
    for (List<Kept> kept : List.of(current, previous)) {
      for (Kept k : kept) {
        if (k.problem.equals(problem) && k.method.equals(method) && k.settings.equals(settings) && k.seed == seed
            && k.data.equals(data)) {
          // kept again for the entry after this one
          if (kept == previous) {
            current.add(k);
          }
          return Optional.of(k.trained);
        }
      }
    }
    return Optional.empty();
  }

  /** Keeps a model trained for the current entry. */
  void put(String problem, String method, Settings settings, long seed, Dataset data, Trained trained) {
    current.add(new Kept(problem, method, settings, seed, data, trained));
  }
}
