package dev.inn.bench.sequential;

import dev.inn.api.data.Matrix;
import java.util.ArrayList;
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

  /**
   * The validity key holding the parameters of the model's training pairs, one list per parameter:
   * draws from the prior the model was trained under (the rounds' truncated proposals).
   */
  public static final String TRUNCATED_PRIOR = "truncated_prior_draws";
  /**
   * The validity key saying the model trained on every round's pairs (true) rather than only on those
   * inside the last round's region; absent in files written before the choice existed (they trained on all)
   */
  public static final String ALL_PAIRS = "all_pairs";

  private SequentialValidity() {}

  /** True when the record is that of a sequential model ({@code inn infer}). */
  public static boolean sequential(Map<String, Object> validity) {
    return validity.get("observation") instanceof List<?>;
  }

  /** A matrix as one list of doubles per column, the form a model file's validity record keeps. */
  static List<Object> columns(Matrix m) {
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < m.cols(); c++) {
      List<Object> col = new ArrayList<>(m.rows());
      for (int i = 0; i < m.rows(); i++) {
        col.add((double) m.get(i, c));
      }
      out.add(col);
    }
    return out;
  }

  /**
   * The draws from the truncated prior a sequential model keeps; empty for an amortized model.
   *
   * @throws IllegalArgumentException when a sequential record lacks them (written before they were
   *     kept) or they are malformed
   */
  public static Optional<Matrix> truncatedPrior(Map<String, Object> validity) {
    if (!sequential(validity)) {
      return Optional.empty();
    }
    if (!(validity.get(TRUNCATED_PRIOR) instanceof List<?> cols) || cols.isEmpty()
        || !(cols.get(0) instanceof List<?> first) || first.isEmpty()) {
      throw new IllegalArgumentException("this sequential model's file keeps no draws from its truncated prior (it was"
          + " written by an older 'inn infer'), so it cannot be diagnosed honestly: run 'inn infer' again");
    }
    int rows = first.size();
    float[] d = new float[rows * cols.size()];
    for (int c = 0; c < cols.size(); c++) {
      if (!(cols.get(c) instanceof List<?> col) || col.size() != rows) {
        throw new IllegalArgumentException("the truncated-prior draws of this model file are malformed (column " + c
            + ")");
      }
      for (int i = 0; i < rows; i++) {
        d[i * cols.size() + c] = (float) ((Number) col.get(i)).doubleValue();
      }
    }
    return Optional.of(new Matrix(rows, cols.size(), d));
  }

  /**
   * What a sequential model's posterior is valid for, in one paragraph for pages and reports; empty
   * for an amortized model.
   */
  public static Optional<String> statement(Map<String, Object> validity) {
    if (!sequential(validity)) {
      return Optional.empty();
    }
    List<?> recorded = (List<?>) validity.get("observation");
    float[] seen = new float[recorded.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = (float) ((Number) recorded.get(i)).doubleValue();
    }
    return Optional.of(String.format(Locale.ROOT, "Sequential model ('inn infer', %s rounds, %s simulations) for the"
        + " observation y* = %s. Its posterior is valid only under the truncated prior it was trained under: %s"
        + " (the last round's region, log q >= %.4g, holds %.3g of the prior's mass). The test parameters here are drawn"
        + " from that truncated prior (the parameters of its training pairs, with fresh simulations), not from the"
        + " prior: the verdicts say how well it is calibrated there, and nothing about the posterior of"
        + " observations the truncated prior cannot produce.", validity.get("rounds"), validity.get("simulations"),
        java.util.Arrays.toString(seen), !Boolean.FALSE.equals(validity.get(ALL_PAIRS)) ? "the rounds' proposals, the"
            + " prior for the first round, the prior truncated to the previous round's region for the later ones"
            : "the prior truncated to the last round's region (the rounds' proposals that lie in it)",
        ((Number) validity.get("log_density_threshold")).doubleValue(),
        ((Number) validity.get("truncated_volume")).doubleValue()));
  }

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
