package dev.inn.api.random;

import java.util.SplittableRandom;

/** A seeded choice of distinct entries: the first steps of a Fisher-Yates shuffle. */
public final class SeededChoice {

  private SeededChoice() {}

  /**
   * Moves a uniformly random choice of {@code k} entries of {@code a}, in random order, to its
   * first {@code k} places (in place; the rest keep the remaining entries).
   *
   * @param a the entries to choose from
   * @param k how many to choose, at most {@code a.length}
   * @param seed the seed of the choice (same seed, same choice)
   * @return {@code a}
   */
  public static int[] moveToFront(int[] a, int k, long seed) {
    if (k < 0 || k > a.length) {
      throw new IllegalArgumentException("cannot choose " + k + " of " + a.length + " entries");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < k && i < a.length - 1; i++) {
      int j = i + rng.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * {@code k} distinct indices of {@code 0 .. n - 1}, a seeded uniform choice in random order.
   *
   * @param n the number of indices to choose from
   * @param k how many to choose, at most {@code n}
   * @param seed the seed of the choice
   * @return the chosen indices
   */
  public static int[] indices(int n, int k, long seed) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return java.util.Arrays.copyOf(moveToFront(a, k, seed), k);
  }
}
