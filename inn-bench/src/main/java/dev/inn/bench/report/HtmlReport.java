package dev.inn.bench.report;

import dev.inn.bench.harness.Cell;
import dev.inn.bench.harness.MethodResults;
import dev.inn.bench.harness.ProblemResults;
import dev.inn.bench.harness.RunResults;
import dev.inn.diagnostics.Recovery;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One self-contained HTML page (images embedded as base64) showing a whole run. */
final class HtmlReport {

  private HtmlReport() {}

  static String render(RunResults run, RunInfo info, Map<ProblemResults, List<Figure>> figures, Map<String, byte[]> files) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>inn: ").append(esc(run.suite().name()))
        .append("</title><style>body{font-family:sans-serif;max-width:1500px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
            + "td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}.na{color:#999}"
            + "img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:1em;overflow:auto}"
            + "figcaption{color:#555;font-size:90%}.bad{color:#cf222e;font-weight:bold}"
            + "small.id{color:#888;font-weight:normal}.bad-list{color:#cf222e}summary{cursor:pointer;color:#0550ae}"
            + ".glossary{font-size:90%;color:#333}</style></head><body>\n");
    h.append("<h1>Benchmark: ").append(esc(run.suite().name())).append("</h1>\n");
    if (!run.suite().description().isEmpty()) {
      h.append("<p>").append(esc(run.suite().description())).append("</p>\n");
    }
    String observations = run.suite().reference().published()
        ? "the first " + run.suite().reference().observations() + " published observations"
        : run.suite().testSize() + " test observations";
    h.append(String.format(Locale.ROOT, "<p>Seeds %s, %s, %d posterior samples each, %d bootstrap"
        + " resamples. Total wall time %.1f s. Started %s.</p>%n", run.suite().seeds(), observations,
        run.suite().samples(), run.suite().bootstrap(), run.seconds(), run.started()));
    for (String metric : PublishedComparison.metrics(run)) {
      List<List<String>> rows = PublishedComparison.rows(run, metric);
      if (rows.isEmpty()) {
        continue;
      }
      h.append("<h2>").append(esc(metric)).append(" beside published values <small>(")
          .append(esc(PublishedComparison.sources(run))).append(")</small></h2>\n<table>");
      for (int i = 0; i < rows.size(); i++) {
        String cell = i == 0 ? "th" : "td";
        h.append("<tr>");
        rows.get(i).forEach(c -> h.append('<').append(cell).append('>').append(esc(c)).append("</").append(cell)
            .append('>'));
        h.append("</tr>");
      }
      h.append("</table>\n<p>Means over the suite's observations ± bootstrap standard errors; published values are"
          + " means over the same observations at the same number of simulations.</p>\n");
    }
    for (ProblemResults p : run.problems()) {
      h.append("<h2>").append(esc(p.entry().label())).append(" <small>(problem '").append(esc(p.entry().plugin()))
          .append("', ").append(p.entry().trainSize()).append(" training pairs)</small></h2>\n");
      h.append(resultTable(p));
      h.append("<p>Values ± bootstrap standard errors, the error to two significant digits and the value to the"
          + " same decimal place. Hover over n/a for the reason.</p>\n");
      h.append("<h3>Wall times</h3><table><tr><th>method</th><th>seed</th><th>train [s]</th><th>sample [s]</th>"
          + "<th>evaluate [s]</th></tr>\n");
      for (MethodResults m : p.perSeed()) {
        h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>%n",
            esc(m.method()), m.seed(), m.trainSeconds(), m.sampleSeconds(), m.evaluateSeconds()));
      }
      h.append("</table>\n");
      List<String> notes = Tables.notes(p);
      if (!notes.isEmpty()) {
        h.append("<h3>Notes</h3><ul>");
        notes.forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
        h.append("</ul>\n");
      }
      String dir = ReportWriter.folderName(p.entry().label()) + "/figures/";
      for (Figure f : figures.getOrDefault(p, List.of())) {
        byte[] png = files.get(dir + f.file());
        h.append("<figure><h3>").append(esc(f.title())).append("</h3><img alt=\"").append(esc(f.title()))
            .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
            .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
      }
    }
    // folded away: a scientist opens it when they need to rerun or compare, it is not the result
    h.append("<h2>Configuration and versions</h2><details><summary>The suite as run (resolved TOML, every"
        + " setting)</summary><pre>").append(esc(ConfigToml.write(run.suite()))).append("</pre></details>\n");
    h.append("<details><summary>Versions</summary><pre>").append(esc(info.describe(run)))
        .append("</pre></details>\n</body></html>\n");
    return h.toString();
  }

  /** More metric columns than this are printed transposed (one row per column), so the table fits the page. */
  static final int WIDE = 8;

  /**
   * The results table of a problem: methods as rows, or, with more than {@link #WIDE} columns,
   * metric columns as rows and methods as columns. Values that look wrong are flagged.
   */
  static String resultTable(ProblemResults p) {
    StringBuilder h = new StringBuilder("<table>");
    List<String> methods = List.copyOf(p.summary().keySet());
    if (p.columns().size() > WIDE) {
      h.append("<tr><th>metric</th>");
      methods.forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
      h.append("</tr>\n");
      for (String c : p.columns()) {
        h.append("<tr><td>").append(metricName(c)).append("</td>");
        methods.forEach(m -> h.append(cell(c, p.summary().get(m).get(c))));
        h.append("</tr>\n");
      }
    } else {
      h.append("<tr><th>method</th>");
      p.columns().forEach(c -> h.append("<th>").append(metricName(c)).append("</th>"));
      h.append("</tr>\n");
      for (String m : methods) {
        h.append("<tr><td>").append(esc(m)).append("</td>");
        p.columns().forEach(c -> h.append(cell(c, p.summary().get(m).get(c))));
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");
    // every flag explained where it appears, not only on hover
    StringBuilder flags = new StringBuilder();
    for (String m : methods) {
      for (String c : p.columns()) {
        Cell cell = p.summary().get(m).get(c);
        String doubt = cell == null || !cell.available() ? null : doubt(c, cell.value());
        if (doubt != null) {
          flags.append("<li><b>⚠ ").append(esc(m)).append(", ").append(esc(MetricGlossary.of(c).words()))
              .append("</b> = ").append(esc(Tables.display(cell))).append(": ").append(esc(doubt)).append("</li>");
        }
      }
    }
    if (flags.length() > 0) {
      h.append("<ul class=\"bad-list\">").append(flags).append("</ul>\n");
    }
    // what the metrics mean, once per kind (per-parameter columns share one line)
    java.util.LinkedHashMap<String, String> meanings = new java.util.LinkedHashMap<>();
    for (String c : p.columns()) {
      MetricGlossary.Entry e = MetricGlossary.of(c);
      if (!e.meaning().isEmpty()) {
        meanings.putIfAbsent(e.meaning(), e.words().replaceAll(" of \\S+ \\[units of \\S+\\]", " [units of the"
            + " parameter]").replaceAll(" of \\S+ \\[", " per parameter ["));
      }
    }
    if (!meanings.isEmpty()) {
      h.append("<details><summary>What the metrics mean</summary><ul class=\"glossary\">");
      meanings.forEach((meaning, words) -> h.append("<li><b>").append(esc(words)).append("</b>: ").append(esc(meaning))
          .append("</li>"));
      h.append("</ul></details>\n");
    }
    return h.toString();
  }

  /** A metric column in words, its identifier (as in results.csv) small below, its meaning on hover. */
  private static String metricName(String column) {
    MetricGlossary.Entry e = MetricGlossary.of(column);
    if (e.meaning().isEmpty()) {
      return esc(column);
    }
    return "<span title=\"" + esc(e.meaning()) + "\">" + esc(e.words()) + "</span><br><small class=\"id\">"
        + esc(column) + "</small>";
  }

  private static String cell(String column, Cell cell) {
    if (cell == null || !cell.available()) {
      return "<td class=\"na\" title=\"" + esc(cell == null ? "not measured" : cell.unavailable()) + "\">n/a</td>";
    }
    String doubt = doubt(column, cell.value());
    return doubt == null ? "<td>" + esc(Tables.display(cell)) + "</td>"
        : "<td class=\"bad\" title=\"" + esc(doubt) + "\">" + esc(Tables.display(cell)) + " ⚠</td>";
  }

  /** Why a value looks wrong, or null when it does not. */
  static String doubt(String column, double value) {
    if (!Double.isFinite(value)) {
      return "not a finite number: the method or the metric failed here";
    }
    if (column.startsWith("contraction_") && value < Recovery.SUSPICIOUS) {
      return "posterior far wider than the prior (sd more than twice the prior's): the method has likely failed";
    }
    if (column.startsWith("sbc_pvalue_") && value < 0.001) {
      return "SBC ranks far from uniform: miscalibrated for this parameter";
    }
    return null;
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
