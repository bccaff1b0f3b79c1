package dev.inn.bench.report;

import dev.inn.bench.harness.MethodResults;
import dev.inn.bench.harness.ProblemResults;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paper Fig. 8 (variant): the latent positions z = f(x) of the INN's samples for y*, coloured
 * by where x lies (hue: angle of the first two standardised parameters around the prior mean,
 * brightness: their distance from it), with circles holding 50 % and 90 % of p(z).
 */
final class LatentFigure {

  private LatentFigure() {}

  /** Hue: direction of (a, b) in standardised parameters; brightness: distance from the prior mean. */
  private static Color latentColour(double a, double b) {
    float hue = (float) ((Math.atan2(b, a) + Math.PI) / (2 * Math.PI));
    float bright = (float) Math.min(1, 0.35 + 0.3 * Math.hypot(a, b));
    return Color.getHSBColor(hue, 0.85f, bright);
  }

  static Optional<Figure> of(ProblemResults r) {
    List<BufferedImage> images = new ArrayList<>();
    double[] priorMean = r.priorSamples().columnMeans();
    double[] priorSd = r.priorSamples().columnStandardDeviations();
    float[] mean = new float[2];
    float[] sd = new float[2];
    for (int c = 0; c < 2 && c < r.problem().parameterDim(); c++) {
      mean[c] = (float) priorMean[c];
      sd[c] = (float) Math.max(1e-6, priorSd[c]);
    }
    for (MethodResults m : Figures.firstSeed(r)) {
      if (m.latent() == null || r.problem().parameterDim() < 2) {
        continue;
      }
      int n = Math.min(3000, m.latent().z().rows());
      // plot area at (left, 0), z axes below and left of it, a colour key to its right
      int left = 44;
      int bottom = 40;
      int key = 150;
      BufferedImage img = new BufferedImage(left + Figures.PANEL + key, Figures.PANEL + bottom, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(new Color(30, 30, 30));
      g.fillRect(left, 0, Figures.PANEL, Figures.PANEL);
      double extent = 3.5;
      double px = Figures.PANEL / (2 * extent);
      for (int i = 0; i < n; i++) {
        double a = (m.latent().x().get(i, 0) - mean[0]) / sd[0];
        double b = (m.latent().x().get(i, 1) - mean[1]) / sd[1];
        g.setColor(latentColour(a, b));
        double zx = left + (m.latent().z().get(i, 0) + extent) * px;
        double zy = Figures.PANEL - (m.latent().z().get(i, 1) + extent) * px;
        g.fill(new Ellipse2D.Double(zx - 2, zy - 2, 4, 4));
      }
      g.setColor(Color.WHITE);
      for (double mass : new double[] {0.5, 0.9}) {
        double radius = Math.sqrt(-2 * Math.log(1 - mass)) * px;
        g.draw(new Ellipse2D.Double(left + Figures.PANEL / 2.0 - radius, Figures.PANEL / 2.0 - radius, 2 * radius, 2 * radius));
      }
      g.drawString(m.method(), left + 8, 16);
      // axes: ticks at whole z values, labels z1 and z2
      g.setColor(Color.DARK_GRAY);
      g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
      for (int t = -3; t <= 3; t++) {
        int x = (int) Math.round(left + (t + extent) * px);
        int y = (int) Math.round(Figures.PANEL - (t + extent) * px);
        g.drawLine(x, Figures.PANEL, x, Figures.PANEL + 4);
        g.drawString(Integer.toString(t), x - (t < 0 ? 6 : 3), Figures.PANEL + 16);
        g.drawLine(left - 4, y, left, y);
        g.drawString(Integer.toString(t), left - (t < 0 ? 20 : 14), y + 4);
      }
      g.drawString("z1", left + Figures.PANEL / 2 - 6, Figures.PANEL + 34);
      g.drawString("z2", 2, Figures.PANEL / 2);
      // colour key: the colour of x at each direction and distance from the prior mean
      List<String> names = r.problem().parameterNames();
      int cx = left + Figures.PANEL + key / 2;
      int cy = Figures.PANEL / 2;
      int radius = 48;
      for (int dx = -radius; dx <= radius; dx++) {
        for (int dy = -radius; dy <= radius; dy++) {
          if (dx * dx + dy * dy <= radius * radius) {
            double scale = 2.2 / radius;
            img.setRGB(cx + dx, cy - dy, latentColour(dx * scale, dy * scale).getRGB());
          }
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString("colour of x:", cx - 32, cy - radius - 26);
      g.drawString("+" + names.get(1), cx - 10, cy - radius - 6);
      g.drawString("+" + names.get(0), cx + radius + 4, cy + 4);
      g.drawString("brighter = farther", cx - 48, cy + radius + 18);
      g.drawString("from the prior mean", cx - 52, cy + radius + 32);
      g.dispose();
      images.add(img);
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Figure("latent-map.png", "Latent space for y* (Fig. 8)",
        "Latent positions z = f(x) of the INN's posterior samples for the first figure observation (first two"
            + " latent dimensions); each sample coloured by where its x lies (first two parameters, standardised): hue ="
            + " direction from the prior mean, brightness = distance (key on the right). White circles hold 50 % and"
            + " 90 % of p(z).", ChartStyle.grid(images, 3)));
  }
}
