package dev.inn.bench.analysis;

import dev.inn.api.data.Matrix;
import dev.inn.api.method.MisspecificationCheck;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.api.problem.Simulation;
import dev.inn.bench.report.DiagnosticFigures;
import dev.inn.bench.report.Page;
import dev.inn.diagnostics.Correlation;
import dev.inn.diagnostics.Modes;
import dev.inn.diagnostics.PosteriorPredictive;
import dev.inn.diagnostics.Recovery;
import dev.inn.diagnostics.Verdict;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The paper's analysis of observations y*: which parameters each pins down (contraction), where
 * the posterior has several modes, which parameters trade off (correlations), and whether the
 * posterior re-simulates to y* (posterior predictive), as one page.
 *
 * @param problem the problem the method was trained on
 * @param method the trained method
 * @param description what the model is, for the page's opening line
 * @param samples posterior samples per observation
 * @param predictive posterior samples re-simulated for the predictive check
 * @param seed seed of sampling and of the mode search
 */
public record PosteriorAnalysis(Problem problem, PosteriorMethod method, String description, int samples, int predictive,
    long seed) {

  /** Observations with more values than this get the predictive check as bands over positions. */
  static final int BANDS_FROM = 6;

  /** Correlation magnitude from which a pair is named as trading off. */
  static final double STRONG = 0.5;

  public PosteriorAnalysis {
    if (samples < 10) {
      throw new IllegalArgumentException("--samples must be at least 10, got " + samples);
    }
    if (predictive < 0) {
      throw new IllegalArgumentException("--predictive must be 0 or more, got " + predictive);
    }
  }

  /** The page for the observations, with the true parameters where given ({@code null} entries otherwise). */
  public Page analyse(List<float[]> observations, List<float[]> truths) {
    List<String> names = problem.parameterNames();
    int d = names.size();
    for (int k = 0; k < observations.size(); k++) {
      if (!problem.observationShape().ragged() && observations.get(k).length != problem.observationDim()) {
        throw new IllegalArgumentException("observation " + (k + 1) + " has " + observations.get(k).length
            + " values; problem '" + problem.name() + "' has " + problem.observationDim() + " " + problem.observationNames());
      }
      if (truths.get(k) != null && truths.get(k).length != d) {
        throw new IllegalArgumentException("true parameters " + (k + 1) + " have " + truths.get(k).length + " values;"
            + " problem '" + problem.name() + "' has " + d + " " + names);
      }
    }
    Matrix prior = PriorDraws.of(problem, 20000, seed);
    double[] priorVar = PriorDraws.variances(prior);
    Color colour = DiagnosticFigures.methodColour(0);
    Page page = new Page("Posterior analysis: " + problem.name());
    page.paragraph(description + ". " + samples + " posterior samples per observation, seed " + seed + ".");
    for (int k = 0; k < observations.size(); k++) {
      float[] y = observations.get(k);
      float[] truth = truths.get(k);
      String prefix = observations.size() == 1 ? "" : "obs" + (k + 1) + "-";
      // the values as text, not in the heading: a 20-value time series made a heading of four lines
      page.heading(2, observations.size() == 1 ? "Observation" : "Observation " + (k + 1));
      page.paragraph(problem.observationShape().ragged() ? describeElements(y)
          : "y* = " + format(y, problem.observationNames()));
      if (method instanceof MisspecificationCheck check) {
        check.misfit(y).ifPresent(m -> page.raw("<p class=\"" + (m.flagged() ? "bad" : "good") + "\">"
            + "Misspecification check: " + Page.esc(m.flagged() ? "the observation lies outside the simulator's reach;"
            + " " + m.describe() + "." : "the observation looks like the simulations; " + m.describe() + ".")
            + "</p>\n"));
      }
      for (String w : method.outOfRange(y)) {
        page.raw("<p class=\"bad\">Warning: " + Page.esc(w) + "; the posterior extrapolates beyond the training"
            + " data.</p>\n");
      }
      Matrix x = method.sample(y, samples, seed + k);
      dev.inn.core.training.SampleHealth.outsideSupport(x, problem.support()).ifPresent(w ->
          page.raw("<p class=\"bad\">Warning: " + Page.esc(w) + ".</p>\n"));
      int bad = x.firstNonFinite();
      if (bad >= 0) {
        throw new IllegalStateException("the method returned a non-finite sample (row " + bad / d + ") for observation "
            + (k + 1) + "; the model is broken");
      }
      double[] contraction = new double[d];
      Recovery.Level[] levels = new Recovery.Level[d];
      for (int c = 0; c < d; c++) {
        contraction[c] = Recovery.contraction(x.column(c), priorVar[c]);
        levels[c] = Recovery.level(contraction[c]);
      }
      List<Modes.Mode> modes = Modes.find(x, seed + k);
      double[][] corr = Correlation.matrix(x);
      page.raw("<p class=\"verdict\"><b>Summary.</b> " + Page.esc(summary(names, levels, modes, corr)) + "</p>\n");
      page.figure(prefix + "corner", "Corner plot: marginal posteriors on the diagonal (prior grey), pairwise"
          + " posterior densities below" + (truth != null ? "; true values dashed / black cross" : "")
          + (modes.size() > 1 ? "; modes found as open circles" : ""), DiagnosticFigures.corner(x, prior, truth, names,
          modes.size() > 1 ? modes : null, colour));
      page.heading(3, "What the observation determines");
      page.raw(recoveryTable(names, x, truth, priorVar, contraction, levels));
      page.paragraph("Contraction = 1 - posterior variance / prior variance: " + Recovery.RECOVERED + " or more ="
          + " recovered (posterior sd at most half the prior's), " + Recovery.PARTLY + " to " + Recovery.RECOVERED
          + " = partly, below = not recovered (the data leave the parameter about where the prior had it)."
          + (truth != null ? " z = (posterior mean - true value) / posterior sd." : ""));
      page.heading(3, "Modes");
      page.raw(modesTable(modes, names));
      if (names.size() > 1) { // one parameter has nothing to correlate with
        page.heading(3, "Correlations");
        page.paragraph(tradeOffs(names, corr));
        if (modes.size() > 1) {
          // between modes the correlations can cancel; within one mode a trade-off shows plainly
          int[] basin = Modes.assign(x, modes);
          int[] rows = java.util.stream.IntStream.range(0, basin.length).filter(i -> basin[i] == 0).toArray();
          if (rows.length >= 50) {
            page.paragraph(String.format(Locale.ROOT, "Within the heaviest mode (%d of %d samples nearest to it): ",
                rows.length, x.rows()) + tradeOffs(names, Correlation.matrix(x.selectRows(rows))));
          }
        }
        page.figure(prefix + "correlation", "Posterior correlation matrix", DiagnosticFigures.correlation(corr, names));
      }
      page.heading(3, "Posterior predictive check");
      predictiveSection(page, prefix, x, y, colour);
    }
    return page;
  }

  /** "a set of 40 rows of (u, v)" for a set or sequence. */
  private String describeElements(float[] y) {
    int width = problem.observationShape().elementWidth();
    String unit = problem.observationShape() instanceof dev.inn.api.data.ObservationShape.Set ? "row" : "step";
    String kind = problem.observationShape() instanceof dev.inn.api.data.ObservationShape.Set ? "a set" : "a sequence";
    int n = y.length / width;
    return kind + " of " + n + " " + unit + (n == 1 ? "" : "s") + " of (" + String.join(", ", problem.observationNames())
        + ")";
  }

  private void predictiveSection(Page page, String prefix, Matrix x, float[] y, Color colour) {
    if (problem.simulator().isEmpty()) {
      page.paragraph("Problem '" + problem.name() + "' has no simulator, so the posterior cannot be re-simulated.");
      return;
    }
    if (problem.observationShape() instanceof dev.inn.api.data.ObservationShape.Set) {
      page.paragraph("The observation is a " + problem.observationShape().describe() + "; the predictive check"
          + " compares observations value by value, which a set's exchangeable rows do not allow, so it is not"
          + " drawn for it.");
      return;
    }
    if (predictive == 0) {
      page.paragraph("Skipped (--predictive 0).");
      return;
    }
    Matrix subset = x.rows(0, Math.min(predictive, x.rows()));
    long t0 = System.nanoTime();
    // the simulator is the full model y ~ p(y | x), measurement noise included: its draws are what
    // y* is compared with
    Simulation simulation = problem.simulator().get().simulate(subset, seed);
    int invalid = simulation.invalidCount();
    int width = problem.observationShape().elementWidth();
    boolean series = problem.observationShape().ragged();
    // a time series is compared step by step over the observed length; a shorter replicate counts where it has values
    Matrix replicated = series ? overObservedSteps(simulation, y.length, width) : withInvalidAsNaN(simulation);
    List<String> valueNames = series ? stepNames(y.length / width) : problem.observationNames();
    PosteriorPredictive.Check check;
    try {
      check = PosteriorPredictive.check(y, replicated);
    } catch (IllegalArgumentException e) {
      page.raw("<p class=\"bad\">" + Page.esc("Not checked: " + e.getMessage()) + "</p>\n");
      return;
    }
    Verdict v = check.verdict(valueNames);
    page.raw("<p class=\"" + (v.flagged() ? "bad" : "good") + "\">" + Page.esc(v.sentence()) + "</p>\n");
    page.paragraph(String.format(Locale.ROOT, "%d posterior samples re-simulated by the problem's simulator,"
        + " measurement noise included, in %.1f s (%d invalid).", subset.rows(), (System.nanoTime() - t0) / 1e9,
        invalid));
    if (series) {
      for (int c = 0; c < width; c++) {
        String channel = problem.observationNames().get(c);
        page.figure(prefix + "predictive-" + c, "Re-simulated " + channel + " for posterior samples x: central 90 %"
            + " (light) and 50 % (dark) of the series and their median at each step, and the observed series (black"
            + " points); points outside the light band are steps the posterior does not reproduce",
            DiagnosticFigures.predictiveSeriesBands(channelOf(replicated, c, width), channelOf(y, c, width), channel,
                colour));
      }
    } else if (y.length > BANDS_FROM) {
      // a long observation (time series, spectrum) reads as bands over its positions, not as many histograms
      page.figure(prefix + "predictive", "Re-simulated observations y ~ p(y | x) for posterior samples x: central 90 %"
          + " (light) and 50 % (dark) of them and their median at each position, and the observed y* (black points);"
          + " points outside the light band are values the posterior does not reproduce",
          DiagnosticFigures.predictiveBands(replicated, y, problem.observationNames(), colour));
    } else {
      page.figure(prefix + "predictive", "Re-simulated observations y ~ p(y | x) for posterior samples x (histograms)"
          + " and the observed y* (dashed)", DiagnosticFigures.predictive(replicated, y, problem.observationNames(),
          colour));
    }
  }

  /**
   * Re-simulated series cut or NaN-padded to the observed series' {@code values} (element-major,
   * {@code width} channels per step); invalid rows are all NaN.
   */
  private static Matrix overObservedSteps(Simulation sim, int values, int width) {
    int rows = sim.y().rows();
    float[] out = new float[rows * values];
    Arrays.fill(out, Float.NaN);
    for (int i = 0; i < rows; i++) {
      if (sim.valid()[i]) {
        int n = Math.min(values, sim.lengths()[i] * width);
        System.arraycopy(sim.y().data(), i * sim.y().cols(), out, i * values, n);
      }
    }
    return new Matrix(rows, values, out);
  }

  /** Channel {@code c} of element-major series rows. */
  private static Matrix channelOf(Matrix series, int c, int width) {
    int steps = series.cols() / width;
    float[] out = new float[series.rows() * steps];
    for (int i = 0; i < series.rows(); i++) {
      for (int t = 0; t < steps; t++) {
        out[i * steps + t] = series.get(i, t * width + c);
      }
    }
    return new Matrix(series.rows(), steps, out);
  }

  private static float[] channelOf(float[] series, int c, int width) {
    return channelOf(new Matrix(1, series.length, series), c, width).row(0);
  }

  private List<String> stepNames(int steps) {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      for (String channel : problem.observationNames()) {
        names.add(channel + " at step " + t);
      }
    }
    return names;
  }

  /** The outputs with the rows the simulator marked invalid set to NaN. */
  private static Matrix withInvalidAsNaN(Simulation sim) {
    float[] rep = sim.y().data().clone();
    int dy = sim.y().cols();
    for (int i = 0; i < sim.valid().length; i++) {
      if (!sim.valid()[i]) {
        Arrays.fill(rep, i * dy, (i + 1) * dy, Float.NaN);
      }
    }
    return new Matrix(sim.y().rows(), dy, rep);
  }

  /** One paragraph: what is recovered, how many modes, the strongest trade-off. */
  static String summary(List<String> names, Recovery.Level[] levels, List<Modes.Mode> modes, double[][] corr) {
    List<String> parts = new ArrayList<>();
    for (Recovery.Level level : Recovery.Level.values()) {
      List<String> which = new ArrayList<>();
      for (int c = 0; c < levels.length; c++) {
        if (levels[c] == level) {
          which.add(names.get(c));
        }
      }
      if (!which.isEmpty()) {
        parts.add(level.words() + ": " + String.join(", ", which));
      }
    }
    String s = String.join("; ", parts) + ". ";
    s += modes.size() <= 1 ? "The posterior has one mode. "
        : "The posterior has " + modes.size() + " modes (masses " + modes.stream()
            .map(m -> String.format(Locale.ROOT, "%.0f %%", 100 * m.mass())).collect(Collectors.joining(", ")) + "):"
            + " contraction measures the spread over all of them, so a parameter can be pinned down within each mode"
            + " and still count as not recovered. ";
    s += tradeOffs(names, corr);
    return s;
  }

  static String tradeOffs(List<String> names, double[][] corr) {
    List<double[]> pairs = new ArrayList<>();
    for (int a = 0; a < corr.length; a++) {
      for (int b = 0; b < a; b++) {
        if (Math.abs(corr[a][b]) >= STRONG) {
          pairs.add(new double[] {a, b, corr[a][b]});
        }
      }
    }
    if (pairs.isEmpty()) {
      return "No two parameters correlate by " + STRONG + " or more.";
    }
    pairs.sort((p, q) -> Double.compare(Math.abs(q[2]), Math.abs(p[2])));
    List<String> words = new ArrayList<>();
    for (double[] p : pairs.subList(0, Math.min(6, pairs.size()))) {
      words.add(names.get((int) p[1]) + " and " + names.get((int) p[0]) + String.format(Locale.ROOT, " (%+.2f)", p[2]));
    }
    return "Correlated parameters (|r| >= " + STRONG + "; positive = rise together, negative = trade off): "
        + String.join(", ", words) + (pairs.size() > 6 ? ", and " + (pairs.size() - 6) + " more pairs" : "") + ".";
  }

  private static String recoveryTable(List<String> names, Matrix x, float[] truth, double[] priorVar, double[] contraction,
      Recovery.Level[] levels) {
    StringBuilder h = new StringBuilder("<div class=\"wrap\"><table><tr><th>parameter</th><th>posterior mean</th>"
        + "<th>posterior sd</th><th>90 % interval</th><th>prior sd</th><th>contraction</th><th>verdict</th>");
    if (truth != null) {
      h.append("<th>true value</th><th>z</th>");
    }
    h.append("</tr>\n");
    for (int c = 0; c < x.cols(); c++) {
      float[] col = x.column(c);
      float[] sorted = col.clone();
      Arrays.sort(sorted);
      double mean = 0;
      for (float v : col) {
        mean += v;
      }
      mean /= col.length;
      double sd = Math.sqrt(Math.max(0, (1 - contraction[c]) * priorVar[c]));
      String css = switch (levels[c]) {
        case RECOVERED -> "good";
        case PARTLY -> "mid";
        case NOT_RECOVERED -> "";
        case SUSPICIOUS -> "bad";
      };
      h.append("<tr><td>").append(Page.esc(names.get(c))).append("</td><td>").append(Page.num(mean)).append("</td><td>")
          .append(Page.num(sd)).append("</td><td>").append(Page.num(sorted[(int) (0.05 * (sorted.length - 1))]))
          .append(" to ").append(Page.num(sorted[(int) Math.ceil(0.95 * (sorted.length - 1))])).append("</td><td>")
          .append(Page.num(Math.sqrt(priorVar[c]))).append("</td><td class=\"").append(css).append("\">")
          .append(Page.num(contraction[c])).append("</td><td class=\"").append(css).append("\">")
          .append(Page.esc(levels[c].words())).append("</td>");
      if (truth != null) {
        double z = Recovery.zScore(col, truth[c]);
        h.append("<td>").append(Page.num(truth[c])).append("</td><td class=\"").append(Math.abs(z) > 3 ? "bad" : "")
            .append("\">").append(String.format(Locale.ROOT, "%+.2f", z)).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</table></div>\n").toString();
  }

  private static String modesTable(List<Modes.Mode> modes, List<String> names) {
    StringBuilder h = new StringBuilder("<p>" + modes.size() + (modes.size() == 1 ? " mode" : " modes")
        + " found by mean-shift on the samples (Gaussian kernel in standardised units, the narrowest bandwidth from"
        + " Scott's rule up whose modes hold 80 % of the samples; modes holding less than 2 % are not counted).</p><div class=\"wrap\"><table><tr><th>mode</th>"
        + "<th>mass</th>");
    names.forEach(n -> h.append("<th>").append(Page.esc(n)).append("</th>"));
    h.append("</tr>\n");
    for (int m = 0; m < modes.size(); m++) {
      h.append("<tr><td>").append(m + 1).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.0f %%", 100 * modes.get(m).mass())).append("</td>");
      for (float v : modes.get(m).centre()) {
        h.append("<td>").append(Page.num(v)).append("</td>");
      }
      h.append("</tr>\n");
    }
    return h.append("</table></div>\n").toString();
  }

  private static String format(float[] values, List<String> names) {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < values.length; j++) {
      // 4 significant digits without the table's trailing zeros: 1 rather than 1.000, 0.3795 not 0.37949663
      String v = Page.num(values[j]);
      parts.add(names.get(j) + " = " + (v.contains(".") && !v.contains("e") ? v.replaceAll("\\.?0+$", "") : v));
    }
    return "(" + String.join(", ", parts) + ")";
  }
}
