package dev.inn.bench.report;

import java.util.List;

/**
 * Metric columns in words for a scientist: a name with its unit and a one-line meaning with the
 * direction that is better, from the column identifier (which stays in CSV files and as a hint).
 * Per-parameter columns ({@code contraction_x1}) name their parameter.
 */
final class MetricGlossary {

  private MetricGlossary() {}

  /** Words, unit and meaning of a column. */
  record Entry(String words, String meaning) {}

  private record Rule(String id, boolean perParameter, String words, String meaning) {}

  private static final List<Rule> RULES = List.of(
      new Rule("resim_mean", false, "re-simulation error, mean [units of y]",
          "distance ||s(x) - y*|| between the observation and the noiseless re-simulation of posterior samples,"
              + " mean over observations; lower is better (the measurement noise sets its floor)"),
      new Rule("resim_median", false, "re-simulation error, median [units of y]",
          "as the mean, the median over observations (robust to a few failed ones); lower is better"),
      new Rule("resim_invalid", false, "invalid re-simulations [fraction]",
          "share of posterior samples the simulator rejects (outside its domain); 0 is best"),
      new Rule("calibration_error", false, "calibration error [fraction]",
          "median over credible levels q of |share of true values inside the central q interval - q|; 0 is"
              + " calibrated (x 100 for %)"),
      new Rule("interval_width_68_", true, "68 %% interval width of %s [units of %s]",
          "width of the central 68 % credible interval of the parameter; narrower is sharper, if calibrated"),
      new Rule("map_rmse", false, "MAP error, all parameters [units of x]",
          "root mean square distance between the most probable posterior value and the true parameters;"
              + " lower is better"),
      new Rule("map_rmse_", true, "MAP error of %s [units of %s]",
          "root mean square error of the most probable value of the parameter; lower is better"),
      new Rule("map_resim_invalid", false, "invalid MAP re-simulations [fraction]",
          "share of MAP estimates the simulator rejects; 0 is best"),
      new Rule("map_resim", false, "MAP re-simulation error [units of y]",
          "distance between y* and the noiseless simulation of the MAP estimate; lower is better"),
      new Rule("posterior_mmd", false, "distance to the true posterior [MMD², no unit]",
          "maximum mean discrepancy between the method's samples and ground-truth posterior samples (exact or"
              + " ABC), in standardised units; 0 = the same distribution, lower is better"),
      new Rule("contraction_", true, "contraction of %s [no unit]",
          "1 - posterior variance / prior variance: 1 = pinned down by the data, 0 = the data say nothing;"
              + " below -1 (posterior far wider than the prior) the method has failed"),
      new Rule("sbc_pvalue_", true, "SBC p-value of %s [probability]",
          "p-value of uniform ranks of the true values among posterior samples; small (below 0.001) ="
              + " miscalibrated"),
      new Rule("coverage_50", false, "coverage of the 50 % region [fraction]",
          "share of true parameters inside the joint 50 % credible region; 0.5 = calibrated, less ="
              + " overconfident"),
      new Rule("coverage_90", false, "coverage of the 90 % region [fraction]",
          "share of true parameters inside the joint 90 % credible region; 0.9 = calibrated, less ="
              + " overconfident"),
      new Rule("tarp_area", false, "TARP area [no unit]",
          "signed area between the TARP expected-coverage curve and the diagonal; 0 = calibrated, positive ="
              + " too wide, negative = overconfident"),
      new Rule("c2st", false, "C2ST accuracy [probability]",
          "accuracy of a classifier telling the samples from reference samples; 0.5 = indistinguishable, 1 ="
              + " fully separable"),
      new Rule("mode_share_error", false, "mode share error [fraction]",
          "error of how the samples split between the posterior's true modes; 0 is best"),
      new Rule("on_label_share", false, "share on the right modes [fraction]",
          "share of samples on the modes that carry the observation; 1 is best"));

  /** The entry of a column; an unknown column keeps its identifier with no meaning. */
  static Entry of(String column) {
    for (Rule r : RULES) {
      if (r.perParameter() && column.startsWith(r.id()) && column.length() > r.id().length()) {
        String parameter = column.substring(r.id().length());
        return new Entry(String.format(r.words(), parameter, parameter), r.meaning());
      }
      if (!r.perParameter() && column.equals(r.id())) {
        return new Entry(r.words(), r.meaning());
      }
    }
    return new Entry(column, "");
  }
}
