package dev.inn.bench.report;

import dev.inn.api.problem.Depiction;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.TrainingHistory;
import dev.inn.bench.harness.MethodResults;
import dev.inn.bench.harness.ProblemResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's figures, drawn with JFreeChart: posterior scatter per label (paper Fig. 2),
 * the problem's own picture of its samples (arm poses, Fig. 3), marginal histograms (Fig. 4), calibration curves (Fig. 11) and
 * loss curves. Each returns empty when it does not apply to the problem.
 */
public final class Figures {

  static final int PANEL = 360;

  private Figures() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** All figures that apply to a problem's results. */
  public static List<Figure> all(ProblemResults r) {
    List<Figure> out = new ArrayList<>();
    posteriorScatter(r).ifPresent(out::add);
    depiction(r).ifPresent(out::add);
    marginals(r).ifPresent(out::add);
    calibration(r).ifPresent(out::add);
    LatentFigure.of(r).ifPresent(out::add);
    lossCurves(r).ifPresent(out::add);
    return out;
  }

  static List<MethodResults> firstSeed(ProblemResults r) {
    long seed = r.perSeed().get(0).seed();
    return r.perSeed().stream().filter(m -> m.seed() == seed).toList();
  }

  /** Paper Fig. 2: samples of each method for each label, coloured by label (2-D x only). */
  static Optional<Figure> posteriorScatter(ProblemResults r) {
    if (r.problem().parameterDim() != 2 || r.figureObservations().isEmpty()) {
      return Optional.empty();
    }
    List<String> titles = new ArrayList<>();
    List<List<Matrix>> panels = new ArrayList<>();
    if (!r.references().isEmpty()) {
      titles.add("ground truth (" + r.referenceLabel() + ")");
      panels.add(r.references());
    }
    for (MethodResults m : firstSeed(r)) {
      titles.add(m.method());
      panels.add(m.figureSamples());
    }
    // frame the ground truth when there is one, so a diffuse method does not shrink it to a dot
    double[] range = range(r.references().isEmpty() ? panels.stream().flatMap(List::stream).toList() : r.references());
    List<BufferedImage> images = new ArrayList<>();
    for (int p = 0; p < panels.size(); p++) {
      XYSeriesCollection data = new XYSeriesCollection();
      List<Matrix> sets = panels.get(p);
      for (int o = 0; o < sets.size(); o++) {
        XYSeries s = new XYSeries("y* " + (o + 1), false, true);
        Matrix m = sets.get(o);
        for (int i = 0; i < Math.min(m.rows(), 1500); i++) {
          s.add(m.get(i, 0), m.get(i, 1));
        }
        data.addSeries(s);
      }
      JFreeChart chart = ChartFactory.createScatterPlot(titles.get(p), r.problem().parameterNames().get(0),
          r.problem().parameterNames().get(1), data, PlotOrientation.VERTICAL, false, false, false);
      XYPlot plot = chart.getXYPlot();
      plot.getDomainAxis().setRange(range[0], range[1]);
      plot.getRangeAxis().setRange(range[0], range[1]);
      XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
      Shape dot = new Ellipse2D.Double(-1.2, -1.2, 2.4, 2.4);
      for (int o = 0; o < sets.size(); o++) {
        renderer.setSeriesShape(o, dot);
        renderer.setSeriesPaint(o, ChartStyle.alpha(ChartStyle.colour(o), 110));
      }
      ChartStyle.plain(chart);
      images.add(chart.createBufferedImage(PANEL, PANEL));
    }
    return Optional.of(new Figure("posterior-scatter.png", "Posterior samples per observation (Fig. 2)",
        "Samples x ~ q(x | y*) for each distinct observation y* (colour), against the ground truth.", ChartStyle.grid(images, 4)));
  }

  /**
   * The problem's own picture of its samples (e.g. paper Fig. 3, arm poses for inverse
   * kinematics): per panel the problem's fixed marks for y*, one shape per sample with its end
   * point, for the ground truth, each method and the prior.
   */
  static Optional<Figure> depiction(ProblemResults r) {
    Optional<Depiction> found = r.problem().depiction();
    if (found.isEmpty() || r.figureObservations().isEmpty()) {
      return Optional.empty();
    }
    Depiction picture = found.get();
    float[] target = r.figureObservations().get(0);
    List<Depiction.Mark> marks = picture.background(target);
    double[] bounds = picture.bounds();
    int poses = Math.min(150, r.priorSamples().rows());
    List<String> titles = new ArrayList<>();
    List<Matrix> sets = new ArrayList<>();
    // each method in its colour of every other figure; ground truth black, prior grey
    List<Color> colours = new ArrayList<>();
    if (!r.references().isEmpty()) {
      titles.add("ground truth (" + r.referenceLabel() + ")");
      sets.add(r.references().get(0));
      colours.add(Color.BLACK);
    }
    List<MethodResults> methods = firstSeed(r);
    for (int i = 0; i < methods.size(); i++) {
      titles.add(methods.get(i).method());
      sets.add(methods.get(i).figureSamples().get(0));
      colours.add(ChartStyle.colour(i));
    }
    titles.add("prior");
    sets.add(r.priorSamples());
    colours.add(Color.GRAY);
    List<BufferedImage> images = new ArrayList<>();
    for (int p = 0; p < sets.size(); p++) {
      XYSeriesCollection data = new XYSeriesCollection();
      for (Depiction.Mark mark : marks) {
        XYSeries series = new XYSeries(mark.label(), false, true);
        for (double[] point : mark.points()) {
          series.add(point[0], point[1]);
        }
        data.addSeries(series);
      }
      XYSeries ends = new XYSeries("end points", false, true);
      Matrix x = sets.get(p);
      int n = Math.min(poses, x.rows());
      for (int i = 0; i < n; i++) {
        XYSeries shape = new XYSeries("sample " + i, false, true);
        double[][] points = picture.shape(x.row(i));
        for (double[] point : points) {
          shape.add(point[0], point[1]);
        }
        double[] end = points[points.length - 1];
        ends.add(end[0], end[1]);
        data.addSeries(shape);
      }
      data.addSeries(ends);
      JFreeChart chart = ChartFactory.createXYLineChart(titles.get(p), picture.horizontalLabel(),
          picture.verticalLabel(), data, PlotOrientation.VERTICAL, false, false, false);
      XYPlot plot = chart.getXYPlot();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      for (int m = 0; m < marks.size(); m++) {
        switch (marks.get(m).style()) {
          case DASHED -> {
            renderer.setSeriesPaint(m, Color.GRAY);
            renderer.setSeriesStroke(m, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
          }
          case CROSS -> {
            renderer.setSeriesLinesVisible(m, false);
            renderer.setSeriesShapesVisible(m, true);
            renderer.setSeriesShape(m, ChartStyle.cross());
            renderer.setSeriesPaint(m, Color.DARK_GRAY);
          }
          case LINE -> renderer.setSeriesPaint(m, Color.GRAY);
        }
      }
      for (int i = 0; i < n; i++) {
        renderer.setSeriesPaint(marks.size() + i, ChartStyle.alpha(colours.get(p), 40));
      }
      int endIndex = marks.size() + n;
      renderer.setSeriesLinesVisible(endIndex, false);
      renderer.setSeriesShapesVisible(endIndex, true);
      renderer.setSeriesShape(endIndex, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
      renderer.setSeriesPaint(endIndex, Color.BLACK);
      plot.setRenderer(renderer);
      plot.getDomainAxis().setRange(bounds[0], bounds[1]);
      plot.getRangeAxis().setRange(bounds[2], bounds[3]);
      ChartStyle.plain(chart);
      images.add(chart.createBufferedImage(PANEL, PANEL));
    }
    String marked = marks.stream().map(m -> m.label() + (m.style() == Depiction.Style.DASHED ? " dashed"
        : m.style() == Depiction.Style.CROSS ? " (cross)" : "")).collect(java.util.stream.Collectors.joining(", "));
    return Optional.of(new Figure("depiction.png", picture.title(),
        "Samples x ~ q(x | y*) for y* = " + Arrays.toString(target) + " as the problem draws them: " + marked
            + ", end points black; the last panel shows the prior.", ChartStyle.grid(images, 4)));
  }

  /** Paper Fig. 4: marginal posterior histograms for y* against the prior and the true x*. */
  static Optional<Figure> marginals(ProblemResults r) {
    if (r.figureObservations().isEmpty()) {
      return Optional.empty();
    }
    List<String> names = r.problem().parameterNames();
    float[] truth = r.figureTruth().get(0);
    List<BufferedImage> images = new ArrayList<>();
    List<MethodResults> methods = firstSeed(r);
    for (int c = 0; c < names.size(); c++) {
      float[] prior = r.priorSamples().column(c);
      double[] range = quantileRange(prior, r, c);
      int bins = 40;
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(ChartStyle.histogram("prior", prior, range, bins));
      if (!r.references().isEmpty()) {
        data.addSeries(ChartStyle.histogram("ground truth", r.references().get(0).column(c), range, bins));
      }
      for (MethodResults m : methods) {
        data.addSeries(ChartStyle.histogram(m.method(), m.figureSamples().get(0).column(c), range, bins));
      }
      JFreeChart chart = ChartFactory.createXYLineChart(names.get(c), names.get(c), "density", data,
          PlotOrientation.VERTICAL, c == 0, false, false);
      XYPlot plot = chart.getXYPlot();
      XYStepRenderer steps = new XYStepRenderer();
      int offset = 1;
      if (!r.references().isEmpty()) {
        steps.setSeriesPaint(1, Color.BLACK);
        steps.setSeriesStroke(1, new BasicStroke(2f));
        offset = 2;
      }
      for (int i = 0; i < methods.size(); i++) {
        steps.setSeriesPaint(offset + i, ChartStyle.colour(i));
        steps.setSeriesStroke(offset + i, new BasicStroke(1.5f));
      }
      steps.setSeriesVisible(0, false);
      plot.setRenderer(0, steps);
      XYSeriesCollection priorOnly = new XYSeriesCollection(ChartStyle.histogram("prior", prior, range, bins));
      plot.setDataset(1, priorOnly);
      XYStepAreaRenderer area = new XYStepAreaRenderer();
      area.setSeriesPaint(0, new Color(200, 200, 200, 160));
      plot.setRenderer(1, area);
      if (truth != null) {
        ValueMarker marker = new ValueMarker(truth[c]);
        marker.setPaint(Color.BLACK);
        marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        plot.addDomainMarker(marker);
      }
      plot.getDomainAxis().setRange(range[0], range[1]);
      ChartStyle.plain(chart);
      images.add(chart.createBufferedImage(PANEL, 280));
    }
    float[] y = r.figureObservations().get(0);
    return Optional.of(new Figure("marginals.png", "Marginal posteriors (Fig. 4 style)",
        "Marginal posterior histograms for y* = " + Arrays.toString(y) + ": prior grey"
            + (r.references().isEmpty() ? "" : ", ground truth black") + (truth != null ? ", true x* dashed" : "") + ".",
        ChartStyle.grid(images, 4)));
  }

  /** Paper Fig. 11: q_inliers - q against q for every method (negative = overconfident). */
  static Optional<Figure> calibration(ProblemResults r) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (MethodResults m : firstSeed(r)) {
      Map<String, double[]> curves = m.curves().get("calibration");
      if (curves == null) {
        continue;
      }
      XYSeries s = new XYSeries(m.method(), false, true);
      double[] q = curves.get("q");
      double[] e = curves.get("q_inliers_minus_q");
      for (int i = 0; i < q.length; i++) {
        s.add(q[i], e[i]);
      }
      data.addSeries(s);
    }
    if (data.getSeriesCount() == 0) {
      return Optional.empty();
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Calibration", "confidence q", "q_inliers - q", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesPaint(i, ChartStyle.colour(i));
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    ChartStyle.plain(chart);
    return Optional.of(new Figure("calibration.png", "Calibration curves (Fig. 11)",
        "q_inliers - q over confidence q; negative values mean overconfident posteriors.",
        chart.createBufferedImage(640, 400)));
  }

  /** The loss of every term against the training step, one panel per method. */
  static Optional<Figure> lossCurves(ProblemResults r) {
    List<BufferedImage> images = new ArrayList<>();
    for (MethodResults m : firstSeed(r)) {
      TrainingHistory h = m.history();
      if (h == null || h.steps().isEmpty() || h.terms().isEmpty()) {
        continue;
      }
      XYSeriesCollection data = new XYSeriesCollection();
      boolean positive = true;
      double lowest = Double.POSITIVE_INFINITY;
      double highest = 0;
      for (Map.Entry<String, List<Double>> t : h.terms().entrySet()) {
        XYSeries s = new XYSeries(t.getKey(), false, true);
        for (int i = 0; i < Math.min(h.steps().size(), t.getValue().size()); i++) {
          double v = t.getValue().get(i);
          if (Double.isFinite(v)) {
            s.add(h.steps().get(i).doubleValue(), v);
            positive &= v > 0;
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
          }
        }
        data.addSeries(s);
      }
      JFreeChart chart = ChartFactory.createXYLineChart("Loss: " + m.method(), "step", "loss", data,
          PlotOrientation.VERTICAL, true, false, false);
      // a log axis only where the losses span a decade or more, with ticks at whole powers of ten
      // (fractional ones printed as 10^-0.2)
      if (positive && highest >= 10 * lowest) {
        LogAxis log = new LogAxis("loss (log)");
        log.setSmallestValue(1e-8);
        org.jfree.chart.axis.TickUnits whole = new org.jfree.chart.axis.TickUnits();
        for (int decades : new int[] {1, 2, 3, 5, 10}) {
          whole.add(new org.jfree.chart.axis.NumberTickUnit(decades));
        }
        log.setStandardTickUnits(whole);
        chart.getXYPlot().setRangeAxis(log);
      }
      if (h.terms().size() > 6) {
        // many curves (every flow of a mixture): thin lines, a legend in small type
        chart.getLegend().setItemFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 9));
      }
      ChartStyle.plain(chart);
      images.add(chart.createBufferedImage(480, 340));
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Figure("loss-curves.png", "Loss curves",
        "Unweighted value of each loss term over training (first seed); a mixture of flows shows every flow"
            + " with its mixture weight.", ChartStyle.grid(images, 3)));
  }

  /** A range covering the prior's 0.5-99.5 % quantiles and all figure samples' central mass. */
  private static double[] quantileRange(float[] prior, ProblemResults r, int c) {
    float[] sorted = prior.clone();
    Arrays.sort(sorted);
    double lo = sorted[(int) (0.005 * (sorted.length - 1))];
    double hi = sorted[(int) (0.995 * (sorted.length - 1))];
    List<Matrix> sets = new ArrayList<>(r.references().isEmpty() ? List.of() : List.of(r.references().get(0)));
    firstSeed(r).forEach(m -> sets.add(m.figureSamples().get(0)));
    for (Matrix m : sets) {
      float[] col = m.column(c);
      Arrays.sort(col);
      lo = Math.min(lo, col[(int) (0.01 * (col.length - 1))]);
      hi = Math.max(hi, col[(int) (0.99 * (col.length - 1))]);
    }
    if (r.figureTruth().get(0) != null) {
      lo = Math.min(lo, r.figureTruth().get(0)[c]);
      hi = Math.max(hi, r.figureTruth().get(0)[c]);
    }
    double pad = 0.05 * (hi - lo + 1e-9);
    return new double[] {lo - pad, hi + pad};
  }

  /** A symmetric square range holding the central 99.5 % of all values, with a margin. */
  private static double[] range(List<Matrix> sets) {
    int total = sets.stream().mapToInt(m -> m.data().length).sum();
    float[] abs = new float[total];
    int k = 0;
    for (Matrix m : sets) {
      for (float v : m.data()) {
        abs[k++] = Math.abs(v);
      }
    }
    Arrays.sort(abs);
    double bound = abs.length == 0 ? 1 : abs[(int) (0.995 * (abs.length - 1))];
    return new double[] {-bound * 1.3, bound * 1.3};
  }
}
