package dev.inn.problems.medical.montecarlo;

/**
 * Derives independent seeds from a base seed and task indices (SplitMix64 finaliser), so a
 * task's random stream depends on what it is, never on which thread runs it.
 */
public final class SeedSequence {

  private SeedSequence() {}

  /** A well-mixed seed for the task identified by {@code indices} under {@code seed}. */
  public static long derive(long seed, long... indices) {
    long h = mix(seed ^ 0x6A09E667F3BCC909L);
    for (long i : indices) {
      h = mix(h + 0x9E3779B97F4A7C15L * (i + 1));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
