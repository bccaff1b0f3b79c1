package dev.inn.core.autodiff;

import dev.inn.core.linalg.RowParallel;
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
    final float[] w;
    final int rows;
    final int cols;
    final float[] t;
    volatile long step = -1;

    Copy(float[] w, int rows, int cols) {
      this.w = w;
      this.rows = rows;
      this.cols = cols;
      t = new float[w.length];
    }

    /** Makes the transpose for step {@code now} unless it is made already. */
    void refresh(long now) {
      if (step != now) {
        synchronized (this) {
          if (step != now) {
            for (int i = 0; i < rows; i++) {
              int wi = i * cols;
              for (int j = 0; j < cols; j++) {
                t[j * rows + i] = w[wi + j];
              }
            }
            step = now;
          }
        }
      }
    }
  }

  // arrays hash and compare by identity, so the map is keyed by the weight array itself
  private final ConcurrentHashMap<float[], Copy> copies = new ConcurrentHashMap<>();
  // every copy made so far, replaced (rarely) when one is added, so a step allocates nothing
  private volatile Copy[] known = new Copy[0];
  private volatile long step;

  /** Forgets the transposes' contents: the weights have changed. */
  public void newStep() {
    step++;
  }

  /**
   * Forgets the transposes' contents and makes again, split over the threads, every transpose
   * the earlier steps asked for. Otherwise the shards of a batch, which reach the same layer's
   * backward pass at about the same time, would wait for each other's transpose one weight at
   * a time.
   */
  public void newStep(RowParallel parallel) {
    long now = ++step;
    Copy[] all = known;
    int parts = Math.min(parallel.threads(), all.length);
    parallel.each(parts, part -> {
      for (int i = part; i < all.length; i += parts) {
        all[i].refresh(now);
      }
    });
  }

  /** The transpose of w (rows x cols), made at most once per step. */
  float[] of(float[] w, int rows, int cols) {
    long now = step;
    Copy c = copies.get(w);
    if (c == null) {
      c = copies.computeIfAbsent(w, k -> {
        Copy made = new Copy(k, rows, cols);
        synchronized (copies) {
          Copy[] grown = java.util.Arrays.copyOf(known, known.length + 1);
          grown[grown.length - 1] = made;
          known = grown;
        }
        return made;
      });
    }
    c.refresh(now);
    return c.t;
  }
}
