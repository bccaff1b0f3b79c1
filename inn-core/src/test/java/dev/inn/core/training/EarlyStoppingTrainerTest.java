package dev.inn.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.loss.LossTerm;
import dev.inn.api.method.TrainingContext;
import dev.inn.api.method.TrainingHistory;
import dev.inn.api.tensor.Parameter;
import dev.inn.api.tensor.Tensor;
import dev.inn.core.linalg.RowParallel;
import dev.inn.core.param.ParameterStore;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The epoch schedule ({@code steps = 0}): best weights restored, non-finite losses rolled back. */
class EarlyStoppingTrainerTest {

  private static OptimizerConfig config(int patience, int maxEpochs) {
    return new OptimizerConfig(0, 10, 0.05, 0.05, 0.9, 0.999, 1e-8, 0, 0, 1, 1,
        new EarlyStopping(0.2, patience, maxEpochs, 0));
  }

  private static Dataset data(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(i);
    }
    return new Dataset(new Matrix(n, 1, x), new Matrix(n, 1, x.clone()));
  }

  /** (w - target)^2 with a 1 x 1 tensor: the target is 0 for validation (step 0) and drifts to 3 in training. */
  private static List<LossTerm> drifting(dev.inn.api.tensor.Ops ops, Parameter w, int step) {
    float target = step == 0 ? 0f : Math.min(3f, step * 0.01f);
    Tensor d = ops.sub(ops.use(w), ops.constant(new Matrix(1, 1, new float[] {target})));
    return List.of(new LossTerm("fit", 1, ops.sum(ops.square(d))));
  }

  @Test
  void restoresTheWeightsOfTheBestValidationEpoch() {
    ParameterStore store = new ParameterStore(1);
    Parameter w = store.root().trainable("w", 1, 1, 0);
    w.assign(new float[] {1f});
    TrainingHistory h = new Trainer(config(5, 200)).run("test", store, data(100), (ops, batch, random, step) ->
        drifting(ops, w, step), TrainingContext.quiet(3), new RowParallel(1));
    List<Double> validation = h.terms().get("validation");
    double best = Collections.min(validation);
    float finalW = w.values()[0];
    // validation wants w = 0 while training drags w towards 3: the best epoch is early, and kept
    assertThat((double) finalW * finalW).isCloseTo(best, Offset.offset(1e-6));
    assertThat(validation.get(validation.size() - 1)).isGreaterThan(best + 0.01);
    assertThat(validation.size()).isLessThan(200);
  }

  @Test
  void progressCountsToTheEpochTheStoppingRuleEndsAt() {
    ParameterStore store = new ParameterStore(1);
    Parameter w = store.root().trainable("w", 1, 1, 0);
    w.assign(new float[] {1f});
    List<long[]> updates = new java.util.ArrayList<>();
    List<String> messages = new java.util.ArrayList<>();
    TrainingHistory h = new Trainer(config(5, 200)).run("test", store, data(100), (ops, batch, random, step) ->
        drifting(ops, w, step), new TrainingContext(3, (task, done, total, message) -> {
          updates.add(new long[] {done, total});
          messages.add(message);
        }), new RowParallel(1));
    int epochs = h.terms().get("validation").size();
    // the total is never max_epochs (200) here but the epoch at which patience (5) runs out; only the
    // last update reaches it, with the number of epochs actually run
    assertThat(updates.get(updates.size() - 1)).containsExactly(epochs, epochs);
    for (long[] u : updates.subList(0, updates.size() - 1)) {
      assertThat(u[0]).isLessThan(u[1]);
      assertThat(u[1]).isLessThanOrEqualTo(u[0] + 5);
    }
    assertThat(messages.get(0)).contains("stops at epoch 6 unless it improves");
    assertThat(messages.get(messages.size() - 1)).startsWith("stopped after " + epochs + " epochs (no improvement for 5"
        + " epochs)");
  }

  @Test
  void aNonFiniteLossRollsBackAndTrainingFinishes() {
    ParameterStore store = new ParameterStore(1);
    Parameter w = store.root().trainable("w", 1, 1, 0);
    w.assign(new float[] {2f});
    AtomicInteger calls = new AtomicInteger();
    TrainingHistory h = new Trainer(config(5, 60)).run("test", store, data(100), (ops, batch, random, step) -> {
      Tensor loss = ops.sum(ops.square(ops.use(w)));
      if (step > 0 && calls.incrementAndGet() == 25) {
        // one poisoned batch in the middle of training
        loss = ops.scale(loss, Float.NaN);
      }
      return List.of(new LossTerm("fit", 1, loss));
    }, TrainingContext.quiet(3), new RowParallel(1));
    assertThat(calls.get()).isGreaterThan(25);
    assertThat(w.values()[0]).isFinite();
    assertThat(Math.abs(w.values()[0])).isLessThan(0.5f);
    assertThat(h.terms().get("validation")).allMatch(v -> Double.isFinite(v));
  }

  @Test
  void aLossThatStaysNonFiniteFailsClearly() {
    ParameterStore store = new ParameterStore(1);
    Parameter w = store.root().trainable("w", 1, 1, 0);
    assertThatThrownBy(() -> new Trainer(config(5, 60)).run("test", store, data(100), (ops, batch, random, step) ->
        List.of(new LossTerm("fit", 1, ops.scale(ops.sum(ops.square(ops.use(w))), step > 0 ? Float.NaN : 1f))),
        TrainingContext.quiet(3), new RowParallel(1)))
        .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("non-finite")
        .hasMessageContaining("roll-backs");
  }

  @Test
  void sameSeedSameWeights() {
    float[] result = new float[2];
    for (int k = 0; k < 2; k++) {
      ParameterStore store = new ParameterStore(1);
      Parameter w = store.root().trainable("w", 1, 1, 0);
      w.assign(new float[] {1f});
      new Trainer(config(5, 50)).run("test", store, data(100), (ops, batch, random, step) -> {
        Tensor d = ops.sub(ops.use(w), ops.constant(new Matrix(1, 1, new float[] {batch.x().get(0, 0)})));
        return List.of(new LossTerm("fit", 1, ops.sum(ops.square(d))));
      }, TrainingContext.quiet(4), new RowParallel(1));
      result[k] = w.values()[0];
    }
    assertThat(result[1]).isEqualTo(result[0]);
  }
}
