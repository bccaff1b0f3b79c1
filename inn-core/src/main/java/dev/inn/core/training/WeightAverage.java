package dev.inn.core.training;

import dev.inn.core.param.ModelParameter;
import java.util.List;

/**
 * An exponential moving average of the trainable weights over optimizer steps (Polyak
 * averaging), see {@link EarlyStopping}. The decay at the t-th update since the last reset is
 * {@code min(decay, (1 + t) / (10 + t))}, so the first averages follow the weights closely
 * instead of remembering the initial network.
 */
final class WeightAverage {

  private final List<ModelParameter> weights;
  private final double decay;
  private final float[][] values;
  private int updates;

  WeightAverage(List<ModelParameter> weights, double decay) {
    this.weights = weights;
    this.decay = decay;
    this.values = new float[weights.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new float[weights.get(i).data().length];
    }
  }

  /** Folds the current weights in (the first update after a reset copies them). */
  void update() {
    float keep = updates == 0 ? 0f : (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
    float take = 1f - keep;
    for (int i = 0; i < values.length; i++) {
      float[] w = weights.get(i).data();
      float[] a = values[i];
      for (int j = 0; j < a.length; j++) {
        a[j] = keep * a[j] + take * w[j];
      }
    }
    updates++;
  }

  /** The averaged weights, one array per parameter (not copies). */
  float[][] values() {
    return values;
  }

  /** Starts over at the next update (after the weights were rolled back). */
  void reset() {
    updates = 0;
  }
}
