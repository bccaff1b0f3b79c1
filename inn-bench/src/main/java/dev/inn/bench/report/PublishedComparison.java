package dev.inn.bench.report;

import dev.inn.api.problem.PublishedScore;
import dev.inn.bench.harness.Cell;
import dev.inn.bench.harness.ProblemResults;
import dev.inn.bench.harness.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One table across the problems of a run for every metric a problem has published values of:
 * a row per problem (its budget = the training pairs), the suite's methods (value ± standard
 * error, and training + sampling wall time) and beside them the published methods at the same
 * budget. Empty when no problem publishes scores.
 */
final class PublishedComparison {

  private PublishedComparison() {}

  /** The rows of one metric's table: header cells, then one list of cells per problem. */
  static List<List<String>> rows(RunResults run, String metric) {
    Set<String> ours = new LinkedHashSet<>();
    Set<String> theirs = new LinkedHashSet<>();
    for (ProblemResults p : run.problems()) {
      if (p.columns().contains(metric)) {
        ours.addAll(p.summary().keySet());
        p.problem().publishedScores().stream()
            .filter(s -> s.metric().equals(metric) && s.simulations() == p.entry().trainSize())
            .forEach(s -> theirs.add(s.method()));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    if (theirs.isEmpty()) {
      return rows;
    }
    List<String> header = new ArrayList<>(List.of("problem", "simulations"));
    ours.forEach(m -> {
      header.add(m);
      header.add(m + " time [s]");
    });
    theirs.forEach(m -> header.add(m + " (published)"));
    rows.add(header);
    for (ProblemResults p : run.problems()) {
      if (!p.columns().contains(metric)) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(p.entry().label(), Integer.toString(p.entry().trainSize())));
      for (String m : ours) {
        Map<String, Cell> cells = p.summary().get(m);
        row.add(cells == null ? "" : Tables.display(cells.get(metric)));
        double seconds = p.perSeed().stream().filter(r -> r.method().equals(m))
            .mapToDouble(r -> r.trainSeconds() + r.sampleSeconds()).average().orElse(Double.NaN);
        row.add(cells == null || Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.0f", seconds));
      }
      for (String m : theirs) {
        row.add(p.problem().publishedScores().stream()
            .filter(s -> s.metric().equals(metric) && s.method().equals(m) && s.simulations() == p.entry().trainSize())
            .findFirst().map(s -> Tables.format(s.meanOfFirst(observations(run)))).orElse(""));
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * How many of the published observations were scored (the first ones), so published means
   * cover the same ones; all of them when the suite drew its own test set.
   */
  private static int observations(RunResults run) {
    return run.suite().reference().published() ? run.suite().reference().observations() : Integer.MAX_VALUE;
  }

  /** The metrics with published values in this run. */
  static List<String> metrics(RunResults run) {
    Set<String> out = new LinkedHashSet<>();
    for (ProblemResults p : run.problems()) {
      for (PublishedScore s : p.problem().publishedScores()) {
        if (p.columns().contains(s.metric())) {
          out.add(s.metric());
        }
      }
    }
    return List.copyOf(out);
  }

  /** Where the published values come from. */
  static String sources(RunResults run) {
    Set<String> out = new LinkedHashSet<>();
    run.problems().forEach(p -> p.problem().publishedScores().forEach(s -> out.add(s.source())));
    return String.join("; ", out);
  }

  /** All tables in Markdown, or an empty string. */
  static String markdown(RunResults run) {
    StringBuilder sb = new StringBuilder();
    for (String metric : metrics(run)) {
      List<List<String>> rows = rows(run, metric);
      if (rows.isEmpty()) {
        continue;
      }
      sb.append("# ").append(metric).append(" beside published values (").append(sources(run)).append(")\n\n");
      sb.append("| ").append(String.join(" | ", rows.get(0))).append(" |\n");
      sb.append("|---".repeat(rows.get(0).size())).append("|\n");
      rows.subList(1, rows.size()).forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
      sb.append("\nMeans over the suite's observations ± bootstrap standard errors; published values are means over"
          + " the same observations at the same number of simulations.\n\n");
    }
    return sb.toString();
  }
}
