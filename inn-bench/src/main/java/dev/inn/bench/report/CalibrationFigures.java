package dev.inn.bench.report;

import dev.inn.api.data.Matrix;
import dev.inn.diagnostics.Coverage;
import dev.inn.diagnostics.EcdfBand;
import dev.inn.diagnostics.Sbc;
import dev.inn.diagnostics.Tarp;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures of the calibration diagnostics over many (truth, posterior) pairs: SBC rank
 * histograms and ECDF differences, coverage and TARP curves against the diagonal with the band
 * of a calibrated method, and recovery (posterior mean against truth). The figures of one
 * posterior (corner, correlation, predictive) are {@link DiagnosticFigures}.
 */
public final class CalibrationFigures {

  /** The grey of the range a calibrated method stays in. */
  private static final Color BAND = new Color(190, 190, 190, 140);

  private CalibrationFigures() {}

  /**
   * SBC: per parameter, the rank histogram (20 bins; grey = the 99 % range of each bin's count
   * under uniform ranks) above the ECDF difference ECDF(u) - u with its simultaneous band.
   */
  public static ChartGrid sbc(double[][] rankFractions, List<String> names, EcdfBand band, Color colour) {
    int d = rankFractions.length;
    int bins = 20;
    int n = rankFractions[0].length;
    List<JFreeChart> histograms = new ArrayList<>();
    List<JFreeChart> ecdfs = new ArrayList<>();
    for (int c = 0; c < d; c++) {
      histograms.add(rankHistogram(names.get(c), Sbc.histogram(rankFractions[c], bins), colour));
      ecdfs.add(ecdfDifference(names.get(c), band.difference(rankFractions[c]), band, colour, "rank fraction"));
    }
    List<JFreeChart> all = new ArrayList<>();
    int cols = Math.min(d, 5);
    for (int start = 0; start < d; start += cols) {
      for (int c = start; c < start + cols; c++) {
        all.add(c < d ? histograms.get(c) : null);
      }
      for (int c = start; c < start + cols; c++) {
        all.add(c < d ? ecdfs.get(c) : null);
      }
    }
    return new ChartGrid(all, cols, 280, 230);
  }

  /**
   * A rank histogram from its bin counts, with the 99 % range of each bin's count under uniform
   * ranks in grey.
   */
  public static JFreeChart rankHistogram(String title, long[] counts, Color colour) {
    int bins = counts.length;
    long n = java.util.Arrays.stream(counts).sum();
    double p = 1.0 / bins;
    double sd = Math.sqrt(n * p * (1 - p));
    XYSeries series = new XYSeries("ranks", false, true);
    for (int b = 0; b < bins; b++) {
      series.add(b / (double) bins, counts[b]);
    }
    series.add(1.0, counts[bins - 1]);
    JFreeChart chart = ChartFactory.createXYLineChart(title, "rank fraction", "count", new XYSeriesCollection(series),
        PlotOrientation.VERTICAL, false, false, false);
    XYStepAreaRenderer area = new XYStepAreaRenderer();
    area.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(area);
    XYSeriesCollection limits = new XYSeriesCollection();
    XYSeries hi = new XYSeries("upper", false, true);
    XYSeries lo = new XYSeries("lower", false, true);
    hi.add(0, n * p + 2.576 * sd);
    hi.add(1, n * p + 2.576 * sd);
    lo.add(0, Math.max(0, n * p - 2.576 * sd));
    lo.add(1, Math.max(0, n * p - 2.576 * sd));
    limits.addSeries(hi);
    limits.addSeries(lo);
    plot.setDataset(1, limits);
    plot.setRenderer(1, band());
    plot.getDomainAxis().setRange(0, 1);
    ChartStyle.compact(chart);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    return chart;
  }

  /**
   * Coverage curves against the credibility level, named, in the given colours (the last
   * drawn thick), over the diagonal; the band of a calibrated method when given.
   */
  public static JFreeChart coverageCurves(String title, double[] alphas, Map<String, double[]> curves,
      List<Color> colours, EcdfBand band) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false, true);
      for (int a = 0; a < alphas.length; a++) {
        s.add(alphas[a], e.getValue()[a]);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "credibility level", "fraction of truths inside", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesPaint(i, colours.get(i % colours.size()));
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(i == data.getSeriesCount() - 1 ? 3f : 1.6f));
    }
    addDiagonalBand(plot, band);
    ChartStyle.compact(chart);
    return chart;
  }

  private static XYDifferenceRenderer band() {
    XYDifferenceRenderer r = new XYDifferenceRenderer(BAND, BAND, false);
    r.setSeriesPaint(0, BAND);
    r.setSeriesPaint(1, BAND);
    r.setSeriesVisibleInLegend(0, false);
    r.setSeriesVisibleInLegend(1, false);
    return r;
  }

  private static JFreeChart ecdfDifference(String title, double[] diff, EcdfBand band, Color colour, String xLabel) {
    XYSeries curve = new XYSeries("ECDF - uniform", false, true);
    XYSeries hi = new XYSeries("upper", false, true);
    XYSeries lo = new XYSeries("lower", false, true);
    for (int i = 0; i < band.z().length; i++) {
      curve.add(band.z()[i], diff[i]);
      hi.add(band.z()[i], band.upper()[i]);
      lo.add(band.z()[i], band.lower()[i]);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title + ": ECDF difference", xLabel, "ECDF - uniform",
        new XYSeriesCollection(curve), PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(0, colour);
    plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
    XYSeriesCollection limits = new XYSeriesCollection();
    limits.addSeries(hi);
    limits.addSeries(lo);
    plot.setDataset(1, limits);
    plot.setRenderer(1, band());
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    plot.getDomainAxis().setRange(0, 1);
    ChartStyle.compact(chart);
    return chart;
  }

  /**
   * Expected coverage: for each named set of credible levels, the fraction of truths inside the
   * alpha-credible region against alpha, with the diagonal (calibrated) and the 95 %
   * simultaneous band of a calibrated method.
   */
  public static ChartGrid coverage(Map<String, double[]> credibleLevels, EcdfBand band, List<Color> colours) {
    double[] alphas = Coverage.levels(100);
    Map<String, double[]> curves = new LinkedHashMap<>();
    credibleLevels.forEach((name, levels) -> curves.put(name, Coverage.curve(levels, alphas)));
    return ChartGrid.single(coverageCurves("Expected coverage", alphas, curves, colours, band), 620, 520);
  }

  /** TARP's expected coverage probability against the credibility level, with the calibrated band. */
  public static ChartGrid tarp(double[] fractions, EcdfBand band, Color colour) {
    double[] alphas = Coverage.levels(100);
    double[] ecp = Tarp.ecp(fractions, alphas);
    XYSeries s = new XYSeries("TARP", false, true);
    for (int a = 0; a < alphas.length; a++) {
      s.add(alphas[a], ecp[a]);
    }
    JFreeChart chart = ChartFactory.createXYLineChart("TARP (Lemos et al. 2023)", "credibility level",
        "expected coverage probability", new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(0, colour);
    plot.getRenderer().setSeriesStroke(0, new BasicStroke(2.5f));
    addDiagonalBand(plot, band);
    ChartStyle.compact(chart);
    return ChartGrid.single(chart, 520, 520);
  }

  /** The diagonal, dashed, over the band of a calibrated method when there is one. */
  private static void addDiagonalBand(XYPlot plot, EcdfBand band) {
    if (band != null) {
      addBand(plot, band);
    }
    XYSeriesCollection diagonal = new XYSeriesCollection();
    XYSeries line = new XYSeries("calibrated", false, true);
    line.add(0, 0);
    line.add(1, 1);
    diagonal.addSeries(line);
    plot.setDataset(2, diagonal);
    XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
    dashed.setSeriesPaint(0, Color.DARK_GRAY);
    dashed.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {4f, 4f}, 0f));
    dashed.setSeriesVisibleInLegend(0, false);
    plot.setRenderer(2, dashed);
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1);
  }

  private static void addBand(XYPlot plot, EcdfBand band) {
    XYSeriesCollection limits = new XYSeriesCollection();
    XYSeries hi = new XYSeries("upper", false, true);
    XYSeries lo = new XYSeries("lower", false, true);
    hi.add(0, 0);
    lo.add(0, 0);
    for (int i = 0; i < band.z().length; i++) {
      hi.add(band.z()[i], Math.min(1, band.z()[i] + band.upper()[i]));
      lo.add(band.z()[i], Math.max(0, band.z()[i] + band.lower()[i]));
    }
    hi.add(1, 1);
    lo.add(1, 1);
    limits.addSeries(hi);
    limits.addSeries(lo);
    plot.setDataset(1, limits);
    plot.setRenderer(1, band());
  }

  /**
   * Recovery: posterior mean against the true value per parameter, with the identity line;
   * points on the line = recovered, a horizontal band = the observation says nothing.
   */
  public static ChartGrid recovery(Matrix truth, double[][] posteriorMean, List<String> names, Color colour) {
    List<JFreeChart> charts = new ArrayList<>();
    for (int c = 0; c < truth.cols(); c++) {
      XYSeries s = new XYSeries("pairs", false, true);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < truth.rows(); i++) {
        s.add(truth.get(i, c), posteriorMean[c][i]);
        lo = Math.min(lo, Math.min(truth.get(i, c), posteriorMean[c][i]));
        hi = Math.max(hi, Math.max(truth.get(i, c), posteriorMean[c][i]));
      }
      XYSeries identity = new XYSeries("identity", false, true);
      identity.add(lo, lo);
      identity.add(hi, hi);
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(s);
      data.addSeries(identity);
      JFreeChart chart = ChartFactory.createScatterPlot(names.get(c), "true " + names.get(c),
          "posterior mean", data, PlotOrientation.VERTICAL, false, false, false);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
      r.setSeriesLinesVisible(0, false);
      r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
      r.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
      r.setSeriesShapesVisible(1, false);
      r.setSeriesPaint(1, Color.DARK_GRAY);
      chart.getXYPlot().setRenderer(r);
      double pad = 0.05 * (hi - lo + 1e-9);
      chart.getXYPlot().getDomainAxis().setRange(lo - pad, hi + pad);
      chart.getXYPlot().getRangeAxis().setRange(lo - pad, hi + pad);
      ChartStyle.compact(chart);
      charts.add(chart);
    }
    return new ChartGrid(charts, Math.min(4, truth.cols()), 280, 280);
  }
}
