package dev.inn.bench.report;

import dev.inn.bench.harness.MethodResults;
import dev.inn.bench.harness.ProblemResults;
import dev.inn.diagnostics.Modes;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * The diagnostic figures of a suite report, per problem: a corner plot per method for the
 * figure observation, SBC rank histograms (metric {@code sbc}), coverage curves (metric
 * {@code coverage}) and TARP curves (metric {@code tarp}). Methods keep the colour
 * {@link DiagnosticFigures#methodColour} of their position, as in the other figures.
 */
public final class SuiteDiagnostics {

  private SuiteDiagnostics() {}

  /** Every diagnostic figure that applies to the problem's results. */
  public static List<Figure> figures(ProblemResults r) {
    List<Figure> out = new ArrayList<>();
    out.addAll(corners(r));
    sbc(r).ifPresent(out::add);
    coverage(r).ifPresent(out::add);
    tarp(r).ifPresent(out::add);
    return out;
  }

  private static List<MethodResults> firstSeed(ProblemResults r) {
    if (r.perSeed().isEmpty()) {
      return List.of();
    }
    long seed = r.perSeed().get(0).seed();
    return r.perSeed().stream().filter(m -> m.seed() == seed).toList();
  }

  static List<Figure> corners(ProblemResults r) {
    List<Figure> out = new ArrayList<>();
    if (r.figureObservations().isEmpty() || r.problem().parameterDim() < 2) {
      return out;
    }
    List<MethodResults> methods = firstSeed(r);
    float[] truth = r.figureTruth().isEmpty() ? null : r.figureTruth().get(0);
    for (int i = 0; i < methods.size(); i++) {
      MethodResults m = methods.get(i);
      if (m.figureSamples().isEmpty() || m.figureSamples().get(0).rows() < 2
          || m.figureSamples().get(0).firstNonFinite() >= 0) {
        continue;
      }
      List<Modes.Mode> modes = Modes.find(m.figureSamples().get(0), 1);
      ChartGrid grid = DiagnosticFigures.corner(m.figureSamples().get(0), r.priorSamples(), truth,
          r.problem().parameterNames(), modes.size() > 1 ? modes : null, DiagnosticFigures.methodColour(i));
      out.add(new Figure("corner-" + ReportWriter.folderName(m.method()) + ".png", "Corner plot: " + m.method(),
          "Posterior of " + m.method() + " for the figure observation: marginals on the diagonal (prior grey),"
              + " pairwise densities below" + (truth != null ? ", true values dashed / black cross" : "")
              + (modes.size() > 1 ? ", " + modes.size() + " modes found (open circles)" : "") + ".", grid.image()));
    }
    return out;
  }

  static Optional<Figure> sbc(ProblemResults r) {
    List<JFreeChart> charts = new ArrayList<>();
    List<String> names = r.problem().parameterNames();
    List<MethodResults> methods = firstSeed(r);
    int rows = 0;
    for (int i = 0; i < methods.size(); i++) {
      Map<String, double[]> curves = methods.get(i).curves().get("sbc");
      if (curves == null) {
        continue;
      }
      rows++;
      for (String name : names) {
        double[] h = curves.get("ranks_" + dev.inn.bench.metrics.ColumnNames.of(name));
        if (h == null) {
          charts.add(null);
          continue;
        }
        long[] counts = new long[h.length];
        for (int b = 0; b < h.length; b++) {
          counts[b] = Math.round(h[b]);
        }
        charts.add(CalibrationFigures.rankHistogram(methods.get(i).method() + ": " + name, counts,
            DiagnosticFigures.methodColour(i)));
      }
    }
    if (rows == 0) {
      return Optional.empty();
    }
    int cols = Math.min(names.size(), 5);
    List<JFreeChart> laid = new ArrayList<>();
    // one row (or more, wrapped) per method
    for (int row = 0; row < rows; row++) {
      List<JFreeChart> own = charts.subList(row * names.size(), (row + 1) * names.size());
      for (int k = 0; k < own.size(); k += cols) {
        for (int c = k; c < k + cols; c++) {
          laid.add(c < own.size() ? own.get(c) : null);
        }
      }
    }
    return Optional.of(new Figure("sbc-ranks.png", "SBC rank histograms",
        "Ranks of the true values among each method's posterior samples over the test observations, per parameter"
            + " (grey: 99 % range of a bin's count under uniform ranks). Flat = calibrated, hump = too wide,"
            + " U = too narrow, slope = biased.", new ChartGrid(laid, cols, 260, 210).image()));
  }

  static Optional<Figure> coverage(ProblemResults r) {
    List<JFreeChart> charts = new ArrayList<>();
    List<MethodResults> methods = firstSeed(r);
    for (int i = 0; i < methods.size(); i++) {
      Map<String, double[]> curves = methods.get(i).curves().get("coverage");
      if (curves == null || !curves.containsKey("alpha")) {
        continue;
      }
      Map<String, double[]> named = new LinkedHashMap<>(curves);
      double[] alphas = named.remove("alpha");
      List<Color> colours = new ArrayList<>();
      for (int c = 0; c < named.size() - 1; c++) {
        colours.add(DiagnosticFigures.methodColour(c + 1 + i % 2 * 3).darker());
      }
      colours.add(DiagnosticFigures.methodColour(i));
      charts.add(CalibrationFigures.coverageCurves("Coverage: " + methods.get(i).method(), alphas, named, colours, null));
    }
    if (charts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Figure("coverage.png", "Expected coverage",
        "Fraction of true values inside the credible region against its level: per parameter (central intervals,"
            + " thin) and jointly (thick, in the method's colour). Above the diagonal = too wide, below ="
            + " overconfident.", new ChartGrid(charts, Math.min(3, charts.size()), 440, 400).image()));
  }

  static Optional<Figure> tarp(ProblemResults r) {
    Map<String, double[]> curves = new LinkedHashMap<>();
    List<Color> colours = new ArrayList<>();
    double[] alphas = null;
    List<MethodResults> methods = firstSeed(r);
    for (int i = 0; i < methods.size(); i++) {
      Map<String, double[]> c = methods.get(i).curves().get("tarp");
      if (c == null || !c.containsKey("ecp")) {
        continue;
      }
      alphas = c.get("alpha");
      curves.put(methods.get(i).method(), c.get("ecp"));
      colours.add(DiagnosticFigures.methodColour(i));
    }
    if (curves.isEmpty()) {
      return Optional.empty();
    }
    JFreeChart chart = CalibrationFigures.coverageCurves("TARP", alphas, curves, colours, null);
    chart.getXYPlot().getRangeAxis().setLabel("expected coverage probability");
    // every method is drawn alike here: no series is the "joint" one
    for (int i = 0; i < curves.size(); i++) {
      chart.getXYPlot().getRenderer().setSeriesStroke(i, new java.awt.BasicStroke(2f));
    }
    return Optional.of(new Figure("tarp.png", "TARP (Lemos et al. 2023)",
        "Expected coverage probability of random-reference balls against the credibility level, per method;"
            + " the diagonal = calibrated, above = too wide, below = too narrow or biased.",
        ChartGrid.single(chart, 560, 460).image()));
  }
}
