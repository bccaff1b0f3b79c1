package dev.inn.api.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which training pairs the epoch schedule holds out to decide when to stop: a seeded shuffle of
 * the row indices, the first {@code round(size * fraction)} held out. The trainer draws its split
 * with this class, so a method that evaluates on the held-out rows (mixture weights, reference
 * summaries) gets exactly the rows no weight was fitted to.
 *
 * @param heldOut the validation rows, in shuffled order
 * @param kept the training rows, in shuffled order
 */
public record ValidationSplit(int[] heldOut, int[] kept) {

  /** Defensive copies. */
  public ValidationSplit {
    heldOut = heldOut.clone();
    kept = kept.clone();
  }

  /** @return a copy of the validation rows */
  @Override
  public int[] heldOut() {
    return heldOut.clone();
  }

  /** @return a copy of the training rows */
  @Override
  public int[] kept() {
    return kept.clone();
  }

  /**
   * The split the trainer draws for {@code size} pairs with {@code seed} (see
   * {@link MethodToolkit#train}'s {@code splitSeed}).
   *
   * @param size the number of training pairs
   * @param fraction the share held out, in [0, 1)
   * @param seed the split's seed
   * @return the split
   */
  public static ValidationSplit of(int size, double fraction, long seed) {
    return draw(size, fraction, new SplittableRandom(seed));
  }

  /**
   * As {@link #of}, drawing from {@code random} (which then continues after the shuffle).
   *
   * @param size the number of training pairs
   * @param fraction the share held out, in [0, 1)
   * @param random the generator the shuffle draws from
   * @return the split
   */
  public static ValidationSplit draw(int size, double fraction, SplittableRandom random) {
    if (size < 0 || !(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("a validation split needs size >= 0 and a fraction in [0, 1), got " + size
          + " and " + fraction);
    }
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int held = Math.min(size, (int) Math.round(size * fraction));
    return new ValidationSplit(Arrays.copyOfRange(order, 0, held), Arrays.copyOfRange(order, held, size));
  }
}
