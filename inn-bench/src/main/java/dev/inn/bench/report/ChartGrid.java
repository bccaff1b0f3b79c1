package dev.inn.bench.report;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.DefaultImageHandler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Element;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;

/**
 * Charts laid out in a grid, rendered as PNG and, drawing the same charts onto an SVG canvas,
 * as vector SVG for papers. A {@code null} chart leaves its cell blank.
 *
 * @param charts the panels, row by row
 * @param columns panels per row
 * @param panelWidth width of one panel in pixels
 * @param panelHeight height of one panel in pixels
 */
public record ChartGrid(List<JFreeChart> charts, int columns, int panelWidth, int panelHeight) {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** One chart alone. */
  public static ChartGrid single(JFreeChart chart, int width, int height) {
    return new ChartGrid(List.of(chart), 1, width, height);
  }

  private int rows() {
    return (charts.size() + columns - 1) / columns;
  }

  private void draw(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, columns * panelWidth, rows() * panelHeight);
    for (int i = 0; i < charts.size(); i++) {
      JFreeChart chart = charts.get(i);
      if (chart != null) {
        Graphics2D panel = (Graphics2D) g.create();
        chart.draw(panel, new Rectangle2D.Double((i % columns) * panelWidth, (i / columns) * panelHeight, panelWidth,
            panelHeight));
        panel.dispose();
      }
    }
  }

  /** The grid as an image. */
  public BufferedImage image() {
    BufferedImage img = new BufferedImage(columns * panelWidth, rows() * panelHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    draw(g);
    g.dispose();
    return img;
  }

  /** PNG bytes. */
  public byte[] png() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Embeds bitmaps (the density panels) as base64 PNG data, with the JDK's PNG writer: Batik's
   * own handler needs its codec module, a dozen jars for this one job.
   */
  private static final class EmbeddedPng extends DefaultImageHandler {
    @Override
    protected void handleHREF(Image image, Element element, SVGGeneratorContext context) {
      BufferedImage copy = new BufferedImage(image.getWidth(null), image.getHeight(null), BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = copy.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
      handleHREF((RenderedImage) copy, element, context);
    }

    @Override
    protected void handleHREF(RenderedImage image, Element element, SVGGeneratorContext context) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        ImageIO.write(image, "png", out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      element.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href",
          "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray()));
    }
  }

  /** SVG bytes (UTF-8). */
  public byte[] svg() {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML document builder for SVG output", e);
    }
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
    context.setImageHandler(new EmbeddedPng());
    SVGGraphics2D g = new SVGGraphics2D(context, false);
    g.setSVGCanvasSize(new Dimension(columns * panelWidth, rows() * panelHeight));
    draw(g);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      g.stream(w, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
