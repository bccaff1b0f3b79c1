package dev.inn.bench.analysis;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.PosteriorDensity;
import dev.inn.api.method.PosteriorMethod;
import dev.inn.api.problem.Problem;
import dev.inn.bench.report.CalibrationFigures;
import dev.inn.bench.report.DiagnosticFigures;
import dev.inn.bench.report.Page;
import dev.inn.core.observation.RaggedRows;
import dev.inn.diagnostics.Coverage;
import dev.inn.diagnostics.EcdfBand;
import dev.inn.diagnostics.Recovery;
import dev.inn.diagnostics.Sbc;
import dev.inn.diagnostics.Tarp;
import dev.inn.diagnostics.Verdict;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The diagnosis of a trained method as sbi and BayesFlow users run it: fresh (x*, y*) pairs
 * from the problem's test draws, posterior samples for each y*, then SBC ranks, expected
 * coverage, TARP and recovery, each with a figure and a one-line verdict.
 *
 * @param problem the problem the method was trained on
 * @param method the trained method
 * @param description what the model is
 * @param pairs how many (x*, y*) pairs
 * @param samples posterior samples per pair
 * @param seed seed of the pairs and the sampling
 */
public record MethodDiagnosis(Problem problem, PosteriorMethod method, String description, int pairs, int samples,
    long seed) {

  /** Simultaneous confidence of the ECDF bands. */
  static final double CONFIDENCE = 0.95;

  public MethodDiagnosis {
    if (pairs < 10 || samples < 10) {
      throw new IllegalArgumentException("diagnosis needs --pairs and --samples of at least 10, got " + pairs + " and "
          + samples);
    }
  }

  /** Runs the diagnostics and returns the page. */
  public Page diagnose() {
    List<String> names = problem.parameterNames();
    int d = names.size();
    long t0 = System.nanoTime();
    // a data set (or a model trained on one) has only its held-out rows: use them all when fewer were asked for
    int available = problem.testPairs().orElse(Integer.MAX_VALUE);
    if (available < 10) {
      throw new IllegalArgumentException("problem '" + problem.name() + "' has " + available + " held-out pairs; the"
          + " diagnosis needs at least 10 (train with a larger test_fraction)");
    }
    Dataset test = problem.testSet(Math.min(pairs, available), seed);
    int n = test.size();
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Matrix s = method.sample(RaggedRows.observation(test, i, problem.observationShape()), samples, seed * 7919 + i);
      if (s.firstNonFinite() >= 0) {
        throw new IllegalStateException("the method returned a non-finite sample for test pair " + (i + 1));
      }
      posteriors.add(s);
    }
    double sampleSeconds = (System.nanoTime() - t0) / 1e9;
    Matrix truth = test.x();
    Color colour = DiagnosticFigures.methodColour(0);
    Page page = new Page("Diagnosis: " + problem.name());
    String source = problem.simulator().isPresent() ? "fresh pairs (x*, y*) from the problem's simulator"
        : "held-out pairs (x*, y*) of the data set, which the model never trained on" + (n < pairs
        ? " (all " + n + " it has of the " + pairs + " asked for)" : "");
    page.paragraph(String.format(Locale.ROOT, "%s. %d %s, %d posterior samples each (%.1f s). Bands are simultaneous"
        + " %.0f %% bands for a calibrated method.", description, n, source, samples, sampleSeconds, 100 * CONFIDENCE));
    if (problem.simulator().isEmpty()) {
      page.paragraph("Without a simulator every diagnostic here runs on the held-out pairs; only the posterior"
          + " predictive check (re-simulating posterior samples) needs one, and it is not part of this page."
          + (problem.prior().isPresent() && problem.parameterNames().size() > 0 ? " The prior is the data set's own:"
          + " the parameter values of its training rows." : ""));
    }
    List<String> verdicts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int top = page.mark();

    double[][] u = Sbc.rankFractions(truth, posteriors);
    EcdfBand band = EcdfBand.of(n, CONFIDENCE, seed);
    page.heading(2, "Simulation-based calibration");
    StringBuilder sbc = new StringBuilder("<ul>");
    boolean[] sbcFlagged = new boolean[d];
    for (int c = 0; c < d; c++) {
      Verdict v = Sbc.verdict(u[c], CONFIDENCE, seed);
      sbcFlagged[c] = v.flagged();
      sbc.append("<li class=\"").append(v.flagged() ? "bad" : "good").append("\"><b>").append(Page.esc(names.get(c)))
          .append("</b>: ").append(Page.esc(v.sentence())).append("</li>");
      if (v.flagged()) {
        verdicts.add(names.get(c) + " " + v.kind().words());
      }
    }
    page.raw(sbc.append("</ul>\n").toString());
    page.figure("sbc", "Rank histograms of the true values among the posterior samples (grey: 99 % range per bin"
        + " under uniform ranks) and ECDF differences with their simultaneous band (Säilynoja et al. 2022). A hump ="
        + " too wide, a U = too narrow, a slope = biased", CalibrationFigures.sbc(u, names, band, colour));

    page.heading(2, "Expected coverage");
    Map<String, double[]> levels = new LinkedHashMap<>();
    for (int c = 0; c < d; c++) {
      levels.put(names.get(c) + " (central)", Coverage.centralLevels(u[c]));
    }
    String jointName;
    double[] joint;
    if (method instanceof PosteriorDensity density) {
      double[] truthLog = new double[n];
      double[][] sampleLog = new double[n][];
      for (int i = 0; i < n; i++) {
        float[] y = RaggedRows.observation(test, i, problem.observationShape());
        truthLog[i] = density.logDensity(y, truth.rows(i, i + 1))[0];
        sampleLog[i] = density.logDensity(y, posteriors.get(i));
      }
      joint = Coverage.hpdLevels(truthLog, sampleLog);
      jointName = "joint (highest density)";
    } else {
      joint = Coverage.jointLevels(truth, posteriors);
      jointName = "joint (Mahalanobis ellipsoid)";
    }
    levels.put(jointName, joint);
    Verdict coverage = Coverage.verdict(joint, CONFIDENCE, seed);
    line(page, coverage, jointName);
    if (coverage.flagged()) {
      verdicts.add("joint coverage " + coverage.kind().words());
    }
    List<Color> colours = new ArrayList<>();
    for (int c = 0; c < d; c++) {
      colours.add(DiagnosticFigures.methodColour(c + 1));
    }
    colours.add(Color.BLACK);
    page.figure("coverage", "Fraction of true values inside the posterior's credible region against its level, per"
        + " parameter (central intervals) and jointly (thick black); above the diagonal = too wide (conservative),"
        + " below = overconfident", CalibrationFigures.coverage(levels, band, colours));

    page.heading(2, "TARP");
    float[] scale = new float[d];
    double[] priorVar = PriorDraws.variances(PriorDraws.of(problem, 20000, seed));
    for (int c = 0; c < d; c++) {
      scale[c] = (float) Math.sqrt(priorVar[c]);
    }
    double[] f = Tarp.fractions(truth, posteriors, scale, seed);
    Verdict tarp = Tarp.verdict(f, CONFIDENCE, seed);
    line(page, tarp, "TARP");
    if (tarp.flagged()) {
      verdicts.add("TARP " + tarp.kind().words());
      if (!coverage.flagged()) {
        page.paragraph("TARP and the joint coverage above disagree. Both test the joint posterior, but TARP counts"
            + " true values inside balls around random reference points, in prior standard deviations: where the"
            + " parameters contract very differently (one pinned down, another not), a ball mixes them and TARP"
            + " reacts to the shape of the posterior, not only to its calibration. The joint coverage uses the"
            + " method's own " + (method instanceof PosteriorDensity ? "density" : "ellipsoids") + " and is the"
            + " sharper test of calibration here; take TARP's flag as a hint to check the corner plots.");
      }
    }
    page.figure("tarp", "TARP expected coverage probability (Lemos et al. 2023; distances in prior standard"
        + " deviations, reference points uniform over the box of the true values)", CalibrationFigures.tarp(f, band,
        colour));

    page.heading(2, "Recovery");
    double[][] means = new double[d][n];
    StringBuilder rec = new StringBuilder("<div class=\"wrap\"><table><tr><th>parameter</th><th>mean contraction</th>"
        + "<th>verdict</th><th>z-scores</th></tr>\n");
    for (int c = 0; c < d; c++) {
      double[] z = new double[n];
      double contraction = 0;
      for (int i = 0; i < n; i++) {
        float[] col = posteriors.get(i).column(c);
        z[i] = Recovery.zScore(col, truth.get(i, c));
        contraction += Recovery.contraction(col, priorVar[c]) / n;
        double m = 0;
        for (float v : col) {
          m += v;
        }
        means[c][i] = m / col.length;
      }
      Verdict v = Recovery.zScoreVerdict(z);
      // z-scores measure errors in posterior standard deviations, which assumes a roughly Gaussian
      // posterior; SBC ranks assume nothing. Where they disagree the page says why instead of
      // flagging the method at the top for what its ranks show to be calibrated
      boolean explained = v.flagged() && !sbcFlagged[c];
      if (v.flagged() && !explained) {
        verdicts.add(names.get(c) + " z-scores " + v.kind().words());
      }
      if (explained) {
        notes.add(names.get(c) + ": the z-scores look " + v.kind().words() + " but the SBC ranks are calibrated."
            + " A z-score divides the error by the posterior standard deviation, which a few far samples (heavy"
            + " tails, a second small mode) inflate or a skewed posterior misstates; the ranks do not depend on"
            + " the posterior's shape, so the posterior is calibrated but likely not Gaussian in its tails.");
      }
      Recovery.Level level = Recovery.level(contraction);
      rec.append("<tr><td>").append(Page.esc(names.get(c))).append("</td><td>").append(Page.num(contraction))
          .append("</td><td>").append(Page.esc(level.words())).append("</td><td class=\"")
          .append(explained ? "mid" : v.flagged() ? "bad" : "good").append("\">").append(Page.esc(v.sentence()))
          .append(explained ? " (see the note below: the SBC ranks are calibrated)" : "").append("</td></tr>\n");
    }
    page.raw(rec.append("</table></div>\n").toString());
    for (String note : notes) {
      page.paragraph("Note on " + note);
    }
    page.figure("recovery", "Posterior mean against the true value for every test pair; on the diagonal ="
        + " recovered, flat = not determined by the observation", CalibrationFigures.recovery(truth, means, names, colour));

    String overall = (verdicts.isEmpty()
        ? "Verdict: no diagnostic flags the method on " + n + " test pairs."
        : "Verdict: flagged: " + String.join("; ", verdicts) + ".")
        + (notes.isEmpty() ? "" : " Where two diagnostics disagree, a note under Recovery says why.");
    page.insert(top, "<p class=\"verdict " + (verdicts.isEmpty() ? "good" : "bad") + "\"><b>" + Page.esc(overall)
        + "</b></p>\n");
    return page;
  }

  private static void line(Page page, Verdict v, String what) {
    page.raw("<p class=\"" + (v.flagged() ? "bad" : "good") + "\"><b>" + Page.esc(what) + "</b>: "
        + Page.esc(v.sentence()) + "</p>\n");
  }
}
