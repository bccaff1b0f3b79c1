package dev.inn.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A single HTML page with its figures beside it as PNG (shown) and SVG (linked), for the
 * {@code analyze} and {@code diagnose} commands. Every file is written to a temporary name in
 * the target folder and renamed, the page last, so a failed run leaves no half-written file.
 */
public final class Page {

  private static final String STYLE = "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;"
      + "color:#222;line-height:1.4}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
      + "padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
      + "img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:90%}"
      + ".good{color:#1a7f37}.mid{color:#9a6700}.bad{color:#cf222e;font-weight:bold}.verdict{font-size:105%}"
      + ".wrap{overflow-x:auto}pre{background:#f7f7f7;padding:1em;white-space:pre-wrap}";

  private final StringBuilder html = new StringBuilder();
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  /** A page with a title. */
  public Page(String title) {
    html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>").append(esc(title))
        .append("</h1>\n");
  }

  /** Appends raw HTML (the caller escapes text with {@link #esc}). */
  public Page raw(String s) {
    html.append(s);
    return this;
  }

  /** The current end of the page, to {@link #insert} at later (e.g. a verdict known only at the end). */
  public int mark() {
    return html.length();
  }

  /** Inserts raw HTML at a {@link #mark}. */
  public Page insert(int mark, String s) {
    html.insert(mark, s);
    return this;
  }

  /** A heading of level 2 or 3. */
  public Page heading(int level, String text) {
    html.append("<h").append(level).append('>').append(esc(text)).append("</h").append(level).append(">\n");
    return this;
  }

  /** A paragraph of text. */
  public Page paragraph(String text) {
    html.append("<p>").append(esc(text)).append("</p>\n");
    return this;
  }

  /** A figure: {@code name}.png shown, {@code name}.svg linked, with a caption. */
  public Page figure(String name, String caption, ChartGrid grid) {
    files.put(name + ".png", grid.png());
    files.put(name + ".svg", grid.svg());
    html.append("<figure><img alt=\"").append(esc(caption)).append("\" src=\"").append(esc(name)).append(".png\">")
        .append("<figcaption>").append(esc(caption)).append(" (<a href=\"").append(esc(name))
        .append(".svg\">SVG</a>)</figcaption></figure>\n");
    return this;
  }

  /** Writes the figures and then {@code index.html} into {@code folder}; returns the page's path. */
  public Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      atomic(folder.resolve(f.getKey()), f.getValue());
    }
    Path index = folder.resolve("index.html");
    atomic(index, (html + "</body></html>\n").getBytes(StandardCharsets.UTF_8));
    return index;
  }

  private static void atomic(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
    try {
      Files.write(tmp, bytes);
      try {
        // temporary files are private; a page is for reading
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep its default permissions
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** HTML-escapes text. */
  public static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A number for people: 4 significant digits, as the report tables print it; "n/a" for NaN. */
  public static String num(double v) {
    return Double.isNaN(v) ? "n/a" : Tables.format(v);
  }

}
