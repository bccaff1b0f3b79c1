package dev.inn.problems.sbibm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The C2ST values published with sbibm (sbi-benchmark/results, {@code main_paper.csv}, the
 * z-scored variant) for the five tasks here, the algorithms NPE, NLE, NRE, SMC-ABC and
 * REJ-ABC and budgets of 10^3, 10^4 and 10^5 simulations; read from the shipped
 * {@code c2st_published.csv}. Task names may be given as registered ({@code bernoulli-glm})
 * or as sbibm writes them ({@code bernoulli_glm}).
 */
public final class PublishedC2st {

  private static final class Table {
    /** (task, algorithm, budget) to the values by observation number (1-based, 0 unused). */
    static final Map<String, double[]> VALUES = load();
  }

  private PublishedC2st() {
  }

  /** The mean published C2ST over the ten observations, or empty if the table has no such cell. */
  public static OptionalDouble mean(String task, String algorithm, int simulations) {
    double[] values = Table.VALUES.get(key(task, algorithm, simulations));
    if (values == null) {
      return OptionalDouble.empty();
    }
    double sum = 0;
    int count = 0;
    for (int k = 1; k < values.length; k++) {
      if (!Double.isNaN(values[k])) {
        sum += values[k];
        count++;
      }
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
  }

  /** The published C2ST of one observation (1..10), or empty if not in the table. */
  public static OptionalDouble value(String task, String algorithm, int simulations, int observation) {
    double[] values = Table.VALUES.get(key(task, algorithm, simulations));
    if (values == null || observation < 1 || observation >= values.length || Double.isNaN(values[observation])) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(values[observation]);
  }

  /** The algorithms in the table, in the order they first appear. */
  public static List<String> algorithms() {
    List<String> out = new ArrayList<>();
    for (String line : SbibmData.lines("c2st_published.csv")) {
      String algorithm = line.split(",")[1].trim();
      if (!out.contains(algorithm)) {
        out.add(algorithm);
      }
    }
    return List.copyOf(out);
  }

  private static String key(String task, String algorithm, int simulations) {
    return task.trim().toLowerCase(Locale.ROOT).replace('-', '_') + "|" + algorithm.trim().toUpperCase(Locale.ROOT)
        + "|" + simulations;
  }

  // header: task,algorithm,num_simulations,num_observation,c2st
  private static Map<String, double[]> load() {
    Map<String, double[]> values = new HashMap<>();
    for (String line : SbibmData.lines("c2st_published.csv")) {
      String[] cells = line.split(",");
      String key = key(cells[0], cells[1], Integer.parseInt(cells[2].trim()));
      int observation = Integer.parseInt(cells[3].trim());
      double[] byObservation = values.computeIfAbsent(key, k -> {
        double[] empty = new double[SbibmData.OBSERVATIONS + 1];
        java.util.Arrays.fill(empty, Double.NaN);
        return empty;
      });
      byObservation[observation] = Double.parseDouble(cells[4].trim());
    }
    return Map.copyOf(values);
  }
}
