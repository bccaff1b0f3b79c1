package dev.inn.core.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recycles the float arrays of a computation between training steps: a step allocates
 * hundreds of batch-sized arrays, and reusing them keeps the garbage collector out of the
 * hot loop. Not thread-safe; one pool per training loop.
 */
public final class ArrayPool {

  private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
  private final List<float[]> inUse = new ArrayList<>();

  /** An array of length n with unspecified contents. */
  public float[] take(int n) {
    ArrayDeque<float[]> q = free.get(n);
    float[] a = q == null ? null : q.pollFirst();
    if (a == null) {
      a = new float[n];
      dev.inn.core.profile.StepProfile.allocated(n);
    }
    inUse.add(a);
    return a;
  }

  /** An array of length n filled with zeros. */
  public float[] takeZeroed(int n) {
    float[] a = take(n);
    java.util.Arrays.fill(a, 0f);
    return a;
  }

  /** Returns every array taken since the last call; none of them may be used afterwards. */
  public void releaseAll() {
    for (float[] a : inUse) {
      free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addFirst(a);
    }
    inUse.clear();
  }
}
