package dev.inn.bench.report;

import dev.inn.api.data.Matrix;
import dev.inn.diagnostics.Modes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures of one posterior's diagnostics ({@code dev.inn.diagnostics}): corner plot,
 * correlation matrix, posterior predictive. Drawn with JFreeChart like {@link Figures}, as
 * {@link ChartGrid}s so each has a PNG and an SVG form; a method's colour is its
 * {@link #methodColour}. The calibration figures over many observations are
 * {@link CalibrationFigures}.
 */
public final class DiagnosticFigures {

  private static final Color PRIOR = new Color(200, 200, 200, 170);

  private DiagnosticFigures() {}

  /** The colour of the method at {@code index} in a suite (the same in every figure of a report). */
  public static Color methodColour(int index) {
    return ChartStyle.colour(index);
  }

  /**
   * Corner plot: marginal histograms on the diagonal (prior shaded grey, posterior in the
   * method's colour), 2-D posterior densities below it, the true value (when known) as a dashed
   * line and a black cross, modes (when given) as open circles.
   */
  public static ChartGrid corner(Matrix posterior, Matrix prior, float[] truth, List<String> names, List<Modes.Mode> modes,
      Color colour) {
    int d = posterior.cols();
    double[][] ranges = new double[d][];
    for (int c = 0; c < d; c++) {
      ranges[c] = range(posterior.column(c), truth == null ? Double.NaN : truth[c]);
    }
    int panel = Math.max(120, Math.min(300, 1100 / d));
    // coarser for many parameters: the SVG holds one rectangle per filled cell
    int bins = d > 6 ? 16 : 40;
    List<JFreeChart> charts = new ArrayList<>();
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        JFreeChart chart = null;
        if (r == c) {
          chart = marginal(posterior.column(c), prior == null ? null : prior.column(c), ranges[c], bins,
              truth == null ? Double.NaN : truth[c], names.get(c), colour, r == d - 1);
        } else if (r > c) {
          chart = density2d(posterior.column(c), posterior.column(r), ranges[c], ranges[r], bins, colour,
              truth == null ? null : new double[] {truth[c], truth[r]}, modes, c, r,
              r == d - 1 ? names.get(c) : null, c == 0 ? names.get(r) : null);
        }
        charts.add(chart);
      }
    }
    return new ChartGrid(charts, d, panel, panel);
  }

  private static JFreeChart marginal(float[] post, float[] prior, double[] range, int bins, double truth, String name,
      Color colour, boolean bottom) {
    XYSeriesCollection data = new XYSeriesCollection(ChartStyle.histogram("posterior", post, range, bins));
    JFreeChart chart = ChartFactory.createXYLineChart(null, bottom ? name : null, null, data, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYStepRenderer steps = new XYStepRenderer();
    steps.setSeriesPaint(0, colour);
    steps.setSeriesStroke(0, new BasicStroke(1.8f));
    plot.setRenderer(0, steps);
    if (prior != null) {
      plot.setDataset(1, new XYSeriesCollection(ChartStyle.histogram("prior", prior, range, bins)));
      XYStepAreaRenderer area = new XYStepAreaRenderer();
      area.setSeriesPaint(0, PRIOR);
      plot.setRenderer(1, area);
    }
    if (!Double.isNaN(truth)) {
      ValueMarker marker = new ValueMarker(truth, Color.BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
      plot.addDomainMarker(marker);
    }
    plot.getDomainAxis().setRange(range[0], range[1]);
    plot.getRangeAxis().setTickLabelsVisible(false);
    chart.setTitle(new TextTitle(name, new Font(Font.SANS_SERIF, Font.BOLD, 11)));
    ChartStyle.compact(chart);
    return chart;
  }

  private static JFreeChart density2d(float[] a, float[] b, double[] ra, double[] rb, int bins, Color colour,
      double[] truth, List<Modes.Mode> modes, int ca, int cb, String xLabel, String yLabel) {
    double wa = (ra[1] - ra[0]) / bins;
    double wb = (rb[1] - rb[0]) / bins;
    double[][] counts = new double[bins][bins];
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      int x = (int) Math.floor((a[i] - ra[0]) / wa);
      int y = (int) Math.floor((b[i] - rb[0]) / wb);
      if (x >= 0 && x < bins && y >= 0 && y < bins) {
        max = Math.max(max, ++counts[x][y]);
      }
    }
    // the density is an image behind the axes: one bitmap per panel keeps the SVG small (browsers
    // smooth it when scaling), where a rectangle per cell made a 13-parameter corner plot 9 MB
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(bins, bins,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    PaintScale scale = shades(colour);
    for (int x = 0; x < bins; x++) {
      for (int y = 0; y < bins; y++) {
        Color c = counts[x][y] > 0 ? (Color) scale.getPaint(counts[x][y] / max) : Color.WHITE;
        image.setRGB(x, bins - 1 - y, c.getRGB());
      }
    }
    NumberAxis xAxis = new NumberAxis(xLabel);
    NumberAxis yAxis = new NumberAxis(yLabel);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), xAxis, yAxis, new XYLineAndShapeRenderer(false, false));
    plot.setBackgroundImage(image);
    plot.setBackgroundImageAlignment(org.jfree.chart.ui.Align.FIT);
    plot.setBackgroundImageAlpha(1f);
    XYSeriesCollection marks = new XYSeriesCollection();
    XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
    if (modes != null && !modes.isEmpty()) {
      XYSeries m = new XYSeries("modes", false, true);
      modes.forEach(mode -> m.add(mode.centre()[ca], mode.centre()[cb]));
      marks.addSeries(m);
      markRenderer.setSeriesShape(marks.getSeriesCount() - 1, new Ellipse2D.Double(-5, -5, 10, 10));
      markRenderer.setSeriesShapesFilled(marks.getSeriesCount() - 1, false);
      markRenderer.setSeriesPaint(marks.getSeriesCount() - 1, new Color(60, 60, 60));
    }
    if (truth != null) {
      XYSeries t = new XYSeries("truth", false, true);
      t.add(truth[0], truth[1]);
      marks.addSeries(t);
      markRenderer.setSeriesShape(marks.getSeriesCount() - 1, ChartStyle.cross());
      markRenderer.setSeriesPaint(marks.getSeriesCount() - 1, Color.BLACK);
    }
    if (marks.getSeriesCount() > 0) {
      plot.setDataset(1, marks);
      plot.setRenderer(1, markRenderer);
      plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    }
    xAxis.setRange(ra[0], ra[1]);
    yAxis.setRange(rb[0], rb[1]);
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    ChartStyle.compact(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return chart;
  }

  /** White to the method's colour, by the share of the densest cell. */
  private static PaintScale shades(Color colour) {
    return new PaintScale() {
      @Override
      public double getLowerBound() {
        return 0;
      }

      @Override
      public double getUpperBound() {
        return 1;
      }

      @Override
      public Paint getPaint(double v) {
        double t = Math.sqrt(Math.max(0, Math.min(1, v)));
        return new Color(mix(255, colour.getRed(), t), mix(255, colour.getGreen(), t), mix(255, colour.getBlue(), t));
      }
    };
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * (0.15 + 0.85 * t));
  }

  /** The correlation matrix as a blue (negative) to red (positive) heat map with its values written in. */
  public static ChartGrid correlation(double[][] corr, List<String> names) {
    int d = corr.length;
    double[][] series = new double[3][d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        int k = a * d + b;
        series[0][k] = b;
        series[1][k] = d - 1 - a;
        series[2][k] = corr[a][b];
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("correlation", series);
    String[] reversed = new String[d];
    for (int a = 0; a < d; a++) {
      reversed[a] = names.get(d - 1 - a);
    }
    SymbolAxis xAxis = new SymbolAxis(null, names.toArray(String[]::new));
    SymbolAxis yAxis = new SymbolAxis(null, reversed);
    xAxis.setVerticalTickLabels(d > 4);
    xAxis.setGridBandsVisible(false);
    yAxis.setGridBandsVisible(false);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setPaintScale(new PaintScale() {
      @Override
      public double getLowerBound() {
        return -1;
      }

      @Override
      public double getUpperBound() {
        return 1;
      }

      @Override
      public Paint getPaint(double v) {
        double t = Math.max(-1, Math.min(1, v));
        Color end = t >= 0 ? new Color(202, 0, 32) : new Color(5, 113, 176);
        double s = Math.abs(t);
        return new Color((int) (255 + (end.getRed() - 255) * s), (int) (255 + (end.getGreen() - 255) * s),
            (int) (255 + (end.getBlue() - 255) * s));
      }
    });
    XYPlot plot = new XYPlot(data, xAxis, yAxis, blocks);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, d > 8 ? 9 : 12);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        XYTextAnnotation text = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", corr[a][b]), b, d - 1 - a);
        text.setFont(font);
        text.setPaint(Math.abs(corr[a][b]) > 0.6 ? Color.WHITE : Color.BLACK);
        text.setTextAnchor(TextAnchor.CENTER);
        plot.addAnnotation(text);
      }
    }
    JFreeChart chart = new JFreeChart("Posterior correlations", new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
    ChartStyle.compact(chart);
    int size = Math.max(360, Math.min(760, 120 + 48 * d));
    return ChartGrid.single(chart, size + 40, size);
  }

  /**
   * Posterior predictive check of a long observation (a time series, a spectrum) as bands over
   * its positions: the central 90 % and 50 % of the re-simulations and their median at every
   * position, with the observed y* as black points, one panel for all values.
   */
  public static ChartGrid predictiveBands(Matrix replicated, float[] observed, List<String> names, Color colour) {
    SymbolAxis positions = new SymbolAxis("observed value", names.toArray(new String[0]));
    positions.setVerticalTickLabels(names.size() > 12);
    return bands(replicated, observed, positions, "Re-simulated observations at each position", colour);
  }

  /**
   * The predictive check of one channel of a time series as bands over its steps (as
   * {@link #predictiveBands}); a replicate shorter than the observed series is NaN past its end
   * and counts only where it has values.
   */
  public static ChartGrid predictiveSeriesBands(Matrix replicated, float[] observed, String channel, Color colour) {
    NumberAxis steps = new NumberAxis("step t");
    steps.setAutoRangeIncludesZero(false);
    return bands(replicated, observed, steps, "Re-simulated " + channel + " over time", colour);
  }

  private static ChartGrid bands(Matrix replicated, float[] observed, org.jfree.chart.axis.ValueAxis positions,
      String title, Color colour) {
    org.jfree.data.xy.YIntervalSeries outer = new org.jfree.data.xy.YIntervalSeries("central 90 % of y_rep");
    org.jfree.data.xy.YIntervalSeries inner = new org.jfree.data.xy.YIntervalSeries("central 50 % and median");
    XYSeries obs = new XYSeries("observed y*");
    for (int j = 0; j < observed.length; j++) {
      float[] v = finiteColumn(replicated, j);
      Arrays.sort(v);
      double median = v.length == 0 ? Double.NaN : quantile(v, 0.5);
      outer.add(j, median, quantile(v, 0.05), quantile(v, 0.95));
      inner.add(j, median, quantile(v, 0.25), quantile(v, 0.75));
      obs.add(j, observed[j]);
    }
    org.jfree.data.xy.YIntervalSeriesCollection bands = new org.jfree.data.xy.YIntervalSeriesCollection();
    bands.addSeries(outer);
    bands.addSeries(inner);
    NumberAxis values = new NumberAxis("value");
    org.jfree.chart.renderer.xy.DeviationRenderer band = new org.jfree.chart.renderer.xy.DeviationRenderer(true, false);
    Color light = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70);
    Color dark = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140);
    band.setSeriesFillPaint(0, light);
    band.setSeriesFillPaint(1, dark);
    band.setSeriesPaint(0, new Color(0, 0, 0, 0));
    band.setSeriesPaint(1, colour);
    band.setSeriesStroke(1, new BasicStroke(1.5f));
    band.setAlpha(1f);
    XYPlot plot = new XYPlot(bands, positions, values, band);
    XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
    points.setSeriesPaint(0, Color.BLACK);
    points.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    plot.setDataset(1, new XYSeriesCollection(obs));
    plot.setRenderer(1, points);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 12), plot, true);
    ChartStyle.compact(chart);
    return ChartGrid.single(chart, Math.max(600, Math.min(1100, 45 * observed.length)), 380);
  }

  private static double quantile(float[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  public static ChartGrid predictive(Matrix replicated, float[] observed, List<String> names, Color colour) {
    List<JFreeChart> charts = new ArrayList<>();
    for (int j = 0; j < observed.length; j++) {
      float[] v = finiteColumn(replicated, j);
      double[] range = range(v, observed[j]);
      XYSeriesCollection data = new XYSeriesCollection(ChartStyle.histogram("y_rep", v, range, 30));
      JFreeChart chart = ChartFactory.createXYLineChart(names.get(j), names.get(j), "density", data,
          PlotOrientation.VERTICAL, false, false, false);
      XYStepAreaRenderer area = new XYStepAreaRenderer();
      area.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 150));
      chart.getXYPlot().setRenderer(area);
      chart.getXYPlot().addDomainMarker(new ValueMarker(observed[j], Color.BLACK, new BasicStroke(2f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f)));
      chart.getXYPlot().getDomainAxis().setRange(range[0], range[1]);
      ChartStyle.compact(chart);
      charts.add(chart);
    }
    return new ChartGrid(charts, Math.min(4, observed.length), 300, 230);
  }

  private static float[] finiteColumn(Matrix m, int j) {
    float[] col = m.column(j);
    int k = 0;
    for (float v : col) {
      if (Float.isFinite(v)) {
        col[k++] = v;
      }
    }
    return Arrays.copyOf(col, k);
  }

  /** The central 99.5 % of the values, widened to hold {@code extra} (unless NaN), with a margin. */
  static double[] range(float[] values, double extra) {
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    double lo = sorted.length == 0 ? 0 : sorted[(int) (0.0025 * (sorted.length - 1))];
    double hi = sorted.length == 0 ? 1 : sorted[(int) Math.ceil(0.9975 * (sorted.length - 1))];
    if (!Double.isNaN(extra)) {
      lo = Math.min(lo, extra);
      hi = Math.max(hi, extra);
    }
    double pad = 0.08 * (hi - lo);
    if (!(pad > 0)) {
      pad = Math.max(1e-3, Math.abs(lo) * 0.05);
    }
    return new double[] {lo - pad, hi + pad};
  }

}
