package dev.inn.problems.random;

/**
 * Derives independent seeds from a base seed and an index (a row, a chunk, an attempt), so
 * that every random stream is fixed by the seed alone, never by thread scheduling.
 */
public final class Seeds {

  private Seeds() {
  }

  /** A well-mixed seed for stream {@code index} of {@code seed} (SplitMix64 finaliser). */
  public static long derive(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
