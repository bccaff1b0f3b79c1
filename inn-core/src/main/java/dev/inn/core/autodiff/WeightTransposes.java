package dev.inn.core.autodiff;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Transposed copies of weights for the backward pass of linear layers (dX = dY W^T), made
 * once per step and shared by every graph of the step: the passes of a network that share
 * weights (the INN's forward and inverse) and the shards of a batch. The arrays are kept
 * across steps, so a step allocates none. Thread-safe.
 */
public final class WeightTransposes {

  private final Map<float[], float[]> copies = new IdentityHashMap<>();
  private final Map<float[], Boolean> current = new IdentityHashMap<>();

  /** Forgets the transposes' contents: the weights have changed. */
  public synchronized void newStep() {
    current.clear();
  }

  /** The transpose of w (rows x cols), made at most once per step. */
  synchronized float[] of(float[] w, int rows, int cols) {
    float[] t = copies.get(w);
    if (t == null) {
      t = new float[w.length];
      copies.put(w, t);
    }
    if (current.put(w, Boolean.TRUE) == null) {
      for (int i = 0; i < rows; i++) {
        int wi = i * cols;
        for (int j = 0; j < cols; j++) {
          t[j * rows + i] = w[wi + j];
        }
      }
    }
    return t;
  }
}
