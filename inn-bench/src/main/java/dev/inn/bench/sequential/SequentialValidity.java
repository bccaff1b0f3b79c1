package dev.inn.bench.sequential;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a model file's validity record ({@code inn infer}) says about an observation: a
 * sequential model learned the posterior of one observation under a truncated prior, and is no
 * posterior for any other.
 */
public final class SequentialValidity {

  private SequentialValidity() {}

  /**
   * A warning when {@code validity} names an observation other than {@code y}; empty for an
   * amortized model (empty record) or the same observation.
   */
  public static Optional<String> otherObservation(Map<String, Object> validity, float[] y) {
    if (!(validity.get("observation") instanceof List<?> recorded)) {
      return Optional.empty();
    }
    boolean same = recorded.size() == y.length;
    for (int i = 0; same && i < y.length; i++) {
      same = (float) ((Number) recorded.get(i)).doubleValue() == y[i];
    }
    if (same) {
      return Optional.empty();
    }
    float[] seen = new float[recorded.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = (float) ((Number) recorded.get(i)).doubleValue();
    }
    return Optional.of(String.format(Locale.ROOT, "this model was trained sequentially ('inn infer') for the"
        + " observation %s and is valid only for it, under the prior truncated to log q >= %.4g (%.3g of the prior's"
        + " mass); for y* = %s its samples are not a posterior: run 'inn infer' for this observation, or use an"
        + " amortized model ('inn train')", java.util.Arrays.toString(seen),
        ((Number) validity.get("log_density_threshold")).doubleValue(),
        ((Number) validity.get("truncated_volume")).doubleValue(), java.util.Arrays.toString(y)));
  }
}
