package dev.inn.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;

/** What every figure of the reports shares: method colours, histograms, markers, looks and panel grids. */
final class ChartStyle {

  /** Method colours, by the method's position in the suite (shared by every figure). */
  static final Color[] PALETTE = {new Color(228, 26, 28), new Color(55, 126, 184), new Color(77, 175, 74),
      new Color(152, 78, 163), new Color(255, 127, 0), new Color(166, 86, 40), new Color(247, 129, 191),
      new Color(153, 153, 153), new Color(0, 0, 0)};
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private ChartStyle() {}

  /** The colour of the method at {@code index} in a suite. */
  static Color colour(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** A density histogram of {@code values} over {@code range} as a step series (last bin repeated at the end). */
  static XYSeries histogram(String name, float[] values, double[] range, int bins) {
    double width = (range[1] - range[0]) / bins;
    double[] counts = new double[bins];
    for (float v : values) {
      int b = (int) Math.floor((v - range[0]) / width);
      if (b >= 0 && b < bins) {
        counts[b]++;
      }
    }
    XYSeries s = new XYSeries(name, false, true);
    double norm = Math.max(1, values.length) * width;
    for (int b = 0; b < bins; b++) {
      s.add(range[0] + b * width, counts[b] / norm);
    }
    s.add(range[1], counts[bins - 1] / norm);
    return s;
  }

  /** A bold x marking a true value. */
  static Shape cross() {
    java.awt.geom.GeneralPath p = new java.awt.geom.GeneralPath();
    p.moveTo(-6, -6);
    p.lineTo(6, 6);
    p.moveTo(-6, 6);
    p.lineTo(6, -6);
    return new BasicStroke(2.5f).createStrokedShape(p);
  }

  /** {@code c} with alpha {@code a} (0-255). */
  static Color alpha(Color c, int a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
  }

  /** The report figures' look: white background, light grid, bold 13 pt title. */
  static void plain(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    if (plot.getRangeAxis() instanceof NumberAxis axis) {
      axis.setAutoRangeIncludesZero(false);
    }
  }

  /** The diagnostic panels' look: smaller fonts for grids of many panels, an optional title. */
  static void compact(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    }
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(225, 225, 225));
    plot.setRangeGridlinePaint(new Color(225, 225, 225));
    plot.getDomainAxis().setTickLabelFont(SMALL);
    plot.getRangeAxis().setTickLabelFont(SMALL);
    plot.getDomainAxis().setLabelFont(LABEL);
    plot.getRangeAxis().setLabelFont(LABEL);
    if (plot.getRangeAxis() instanceof NumberAxis axis) {
      axis.setAutoRangeIncludesZero(false);
    }
  }

  /** Panels side by side, {@code columns} per row. */
  static BufferedImage grid(List<BufferedImage> images, int columns) {
    int cols = Math.min(columns, images.size());
    int rows = (images.size() + cols - 1) / cols;
    int w = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int h = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
    BufferedImage out = new BufferedImage(w * cols, h * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i), (i % cols) * w, (i / cols) * h, null);
    }
    g.dispose();
    return out;
  }
}
