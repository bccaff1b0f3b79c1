package dev.inn.api.random;

/**
 * The project's one seed mixer (the SplitMix64 finaliser): derives independent seeds from a
 * base seed and indices (a row chunk, a task, a seed of a suite), so every random stream is
 * fixed by the seed alone, never by thread scheduling. The three derivations differ only in
 * how they feed the mixer; each keeps the streams its callers have always used.
 */
public final class Seeds {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** The SplitMix64 finaliser: a bijection of the 64-bit values that spreads every input bit. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The seed of stream {@code index} under {@code seed} (e.g. a chunk of simulations). */
  public static long derive(long seed, long index) {
    return mix(seed + (index + 1) * GOLDEN);
  }

  /** The seed of the task at {@code path} (indices from the outermost) under {@code seed}. */
  public static long task(long seed, long... path) {
    long h = mix(seed ^ 0x6A09E667F3BCC909L);
    for (long i : path) {
      h = derive(h, i);
    }
    return h;
  }

  /**
   * A seed fixed by the values of a batch (their {@code Arrays.hashCode}) and its row count: for a
   * consumer that has no seed of its own to give a simulator, such as a re-simulation metric, so
   * that the same samples are always simulated alike.
   */
  public static long ofBatch(float[] values, int rows) {
    return derive(java.util.Arrays.hashCode(values), rows);
  }

  /** Two seeds combined into one, e.g. a suite's seed and the purpose of a stream. */
  public static long combine(long a, long b) {
    return mix(a * GOLDEN + b + 0x632BE59BD9B4E5L);
  }
}
