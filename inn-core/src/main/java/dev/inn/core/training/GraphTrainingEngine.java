package dev.inn.core.training;

import dev.inn.api.data.Matrix;
import dev.inn.api.settings.Settings;
import dev.inn.api.tensor.Ops;
import dev.inn.api.tensor.Parameters;
import dev.inn.api.tensor.Tensor;
import dev.inn.api.problem.Problem;
import dev.inn.api.training.MethodToolkit;
import dev.inn.api.training.TrainingSchedule;
import dev.inn.api.training.TrainableModel;
import dev.inn.api.training.TrainingEngine;
import dev.inn.core.autodiff.ArrayPool;
import dev.inn.core.autodiff.Graph;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import jakarta.inject.Singleton;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The core's {@link TrainingEngine}: models over a {@link ParameterStore}, run by the autodiff
 * {@link Graph} and trained by the shared {@link Trainer}, so a plugin method trains exactly as
 * the built-in ones do.
 */
@Singleton
public final class GraphTrainingEngine implements TrainingEngine {

  @Override
  public TrainableModel newModel(long seed, int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (one per core) or positive, got " + threads);
    }
    return new Model(new ParameterStore(seed), threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  @Override
  public Map<String, Object> optimizerDefaults() {
    return OptimizerConfig.defaults();
  }

  @Override
  public TrainingSchedule schedule(Settings optimizer) {
    return OptimizerConfig.from(optimizer);
  }

  @Override
  public MethodToolkit toolkit(String method, Problem problem, int threads) {
    return new GraphMethodToolkit(method, problem, threads, 0);
  }

  @Override
  public MethodToolkit raggedToolkit(String method, Problem problem, int threads, int minimumLength) {
    if (minimumLength < 1) {
      throw new IllegalArgumentException(method + ": a set or sequence needs a minimum length of at least 1, got "
          + minimumLength);
    }
    return new GraphMethodToolkit(method, problem, threads, minimumLength);
  }

  private static final class Model implements TrainableModel {
    private final ParameterStore store;
    private final int threads;
    private RowParallel parallel;

    Model(ParameterStore store, int threads) {
      this.store = store;
      this.threads = threads;
    }

    private synchronized RowParallel parallel() {
      if (parallel == null) {
        parallel = new RowParallel(threads);
      }
      return parallel;
    }

    @Override
    public Parameters parameters() {
      return store.root();
    }

    @Override
    public long trainableCount() {
      return store.trainableCount();
    }

    @Override
    public synchronized Matrix evaluate(Function<Ops, Tensor> forward) {
      ArrayPool pool = new ArrayPool();
      Graph graph = new Graph(pool, parallel(), false);
      Matrix out = forward.apply(graph).value();
      pool.releaseAll();
      return out;
    }

    @Override
    public void save(DataOutput out) throws IOException {
      store.write(out);
    }

    @Override
    public void load(DataInput in) throws IOException {
      store.read(in);
    }
  }
}
