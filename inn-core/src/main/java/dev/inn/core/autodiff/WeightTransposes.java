package dev.inn.core.autodiff;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Transposed copies of weights for the backward pass of linear layers (dX = dY W^T), made
 * once per step and shared by every graph of the step: the passes of a network that share
 * weights (the INN's forward and inverse) and the shards of a batch. The arrays are kept
 * across steps, so a step allocates none. Thread-safe; the shards of a batch ask for the same
 * transposes at about the same time, so a transpose already made this step is found without
 * taking a lock.
 */
public final class WeightTransposes {

  /** One weight's transpose and the step it was made in. */
  private static final class Copy {
    final float[] t;
    volatile long step = -1;

    Copy(int size) {
      t = new float[size];
    }
  }

  // arrays hash and compare by identity, so the map is keyed by the weight array itself
  private final ConcurrentHashMap<float[], Copy> copies = new ConcurrentHashMap<>();
  private volatile long step;

  /** Forgets the transposes' contents: the weights have changed. */
  public void newStep() {
    step++;
  }

  /** The transpose of w (rows x cols), made at most once per step. */
  float[] of(float[] w, int rows, int cols) {
    long now = step;
    Copy c = copies.get(w);
    if (c == null) {
      c = copies.computeIfAbsent(w, k -> new Copy(k.length));
    }
    if (c.step != now) {
      synchronized (c) {
        if (c.step != now) {
          float[] t = c.t;
          for (int i = 0; i < rows; i++) {
            int wi = i * cols;
            for (int j = 0; j < cols; j++) {
              t[j * rows + i] = w[wi + j];
            }
          }
          c.step = now;
        }
      }
    }
    return c.t;
  }
}
