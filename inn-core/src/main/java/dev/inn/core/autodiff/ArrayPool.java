package dev.inn.core.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recycles the float arrays of a computation between training steps: a step allocates
 * hundreds of batch-sized arrays, and reusing them keeps the garbage collector out of the
 * hot loop. Free arrays are kept per length in a small open-addressing table keyed by the
 * int length (no boxing on the hot path). Not thread-safe; one pool per training loop.
 *
 * <p>Ragged batches (sets, sequences) need arrays of a new length almost every step; kept
 * forever, those would grow the pool without bound. So the pool holds at most twice the floats
 * of the largest step seen, and forgets its free arrays when a step would push it past that.
 */
public final class ArrayPool {

  // slot s holds the free arrays of length lengths[s] - 1 (0: empty slot)
  private int[] lengths = new int[64];
  private float[][][] stacks = new float[64][][];
  private int[] counts = new int[64];
  private int used;
  private long pooledFloats;
  private long peakStepFloats;
  private final List<float[]> inUse = new ArrayList<>();

  private int slot(int n) {
    int mask = lengths.length - 1;
    int s = (n * 0x9E3779B1 >>> 16) & mask;
    while (lengths[s] != 0 && lengths[s] != n + 1) {
      s = (s + 1) & mask;
    }
    return s;
  }

  /** An array of length n with unspecified contents. */
  public float[] take(int n) {
    int s = slot(n);
    float[] a;
    if (lengths[s] != 0 && counts[s] > 0) {
      a = stacks[s][--counts[s]];
      stacks[s][counts[s]] = null;
      pooledFloats -= n;
    } else {
      a = new float[n];
      dev.inn.core.profile.StepProfile.allocated(n);
    }
    inUse.add(a);
    return a;
  }

  /** An array of length n filled with zeros. */
  public float[] takeZeroed(int n) {
    float[] a = take(n);
    Arrays.fill(a, 0f);
    return a;
  }

  /** Returns every array taken since the last call; none of them may be used afterwards. */
  public void releaseAll() {
    long step = 0;
    for (float[] a : inUse) {
      step += a.length;
    }
    peakStepFloats = Math.max(peakStepFloats, step);
    if (pooledFloats + step > 2 * peakStepFloats) {
      forgetFree();
    }
    // in reverse, so the next step takes the same arrays in the same order (warm in cache)
    for (int i = inUse.size() - 1; i >= 0; i--) {
      give(inUse.get(i));
    }
    inUse.clear();
  }

  private void give(float[] a) {
    int s = slot(a.length);
    if (lengths[s] == 0) {
      if (2 * (used + 1) > lengths.length) {
        grow();
        s = slot(a.length);
      }
      lengths[s] = a.length + 1;
      stacks[s] = new float[8][];
      used++;
    }
    if (counts[s] == stacks[s].length) {
      stacks[s] = Arrays.copyOf(stacks[s], 2 * counts[s]);
    }
    stacks[s][counts[s]++] = a;
    pooledFloats += a.length;
  }

  private void forgetFree() {
    lengths = new int[64];
    stacks = new float[64][][];
    counts = new int[64];
    used = 0;
    pooledFloats = 0;
  }

  private void grow() {
    int[] oldLengths = lengths;
    float[][][] oldStacks = stacks;
    int[] oldCounts = counts;
    lengths = new int[2 * oldLengths.length];
    stacks = new float[lengths.length][][];
    counts = new int[lengths.length];
    for (int i = 0; i < oldLengths.length; i++) {
      if (oldLengths[i] != 0) {
        int s = slot(oldLengths[i] - 1);
        lengths[s] = oldLengths[i];
        stacks[s] = oldStacks[i];
        counts[s] = oldCounts[i];
      }
    }
  }

  /** Floats held in free arrays, for tests of the bound. */
  long pooledFloats() {
    return pooledFloats;
  }
}
