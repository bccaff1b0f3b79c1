package dev.inn.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inn.api.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known answers on a conjugate Gaussian problem, x ~ N(0, I_2), y = x + N(0, s^2 I): the exact
 * posterior N(y / (1 + s^2), s^2 / (1 + s^2) I) must pass every calibration diagnostic, and a
 * posterior 1.6 times too wide, 0.6 times too narrow, or shifted up by one posterior sd must be
 * flagged in its direction (TARP and coverage cannot tell a bias from a too narrow posterior:
 * both put the truth in the tails, "overconfident").
 */
class DiagnosticsTest {

  private static final int PAIRS = 400;
  private static final int SAMPLES = 200;
  private static final double NOISE = 0.5;
  private static final double POST_SD = NOISE / Math.sqrt(1 + NOISE * NOISE);

  /** A test bed: truths, observations, and posterior samples of a given width factor and shift. */
  private record Bed(Matrix truth, Matrix y, List<Matrix> posteriors, double widthFactor, double shift) {

    static Bed of(double widthFactor, double shift, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[] x = new float[PAIRS * 2];
      float[] y = new float[PAIRS * 2];
      List<Matrix> posts = new ArrayList<>();
      for (int i = 0; i < PAIRS; i++) {
        float[] s = new float[SAMPLES * 2];
        for (int c = 0; c < 2; c++) {
          x[i * 2 + c] = (float) gauss(r);
          y[i * 2 + c] = (float) (x[i * 2 + c] + NOISE * gauss(r));
          double mean = y[i * 2 + c] / (1 + NOISE * NOISE) + shift * POST_SD;
          for (int k = 0; k < SAMPLES; k++) {
            s[k * 2 + c] = (float) (mean + widthFactor * POST_SD * gauss(r));
          }
        }
        posts.add(new Matrix(SAMPLES, 2, s));
      }
      return new Bed(new Matrix(PAIRS, 2, x), new Matrix(PAIRS, 2, y), posts, widthFactor, shift);
    }

    /** log q(x | y) of this (possibly wrong) Gaussian posterior, up to a constant. */
    double logDensity(int i, float[] x) {
      double sd = widthFactor * POST_SD;
      double s = 0;
      for (int c = 0; c < 2; c++) {
        double mean = y.get(i, c) / (1 + NOISE * NOISE) + shift * POST_SD;
        s -= 0.5 * Math.pow((x[c] - mean) / sd, 2);
      }
      return s;
    }
  }

  private static double gauss(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private static final Bed CORRECT = Bed.of(1, 0, 1);
  private static final Bed WIDE = Bed.of(1.6, 0, 2);
  private static final Bed NARROW = Bed.of(0.6, 0, 3);
  private static final Bed BIASED = Bed.of(1, 1, 4);

  @Test
  void ecdfBandHoldsUniformCurvesAtItsConfidence() {
    EcdfBand band = EcdfBand.of(200, 0.95, 7);
    SplittableRandom r = new SplittableRandom(11);
    int outside = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      double[] u = r.doubles(200).toArray();
      outside += band.pointsOutside(band.difference(u)) > 0 ? 1 : 0;
    }
    // simultaneous 95 %: about 20 of 400 curves leave the band; a pointwise band would lose far more
    assertTrue(outside >= 6 && outside <= 36, "curves outside the 95 % band: " + outside + " of " + trials);
    for (int i = 0; i < band.z().length; i++) {
      assertTrue(band.lower()[i] < 0 && band.upper()[i] > 0);
    }
  }

  @Test
  void sbcPassesTheExactPosteriorAndNamesEachFailure() {
    for (int c = 0; c < 2; c++) {
      assertEquals(Miscalibration.NONE, sbc(CORRECT, c).kind(), sbc(CORRECT, c).sentence());
      assertEquals(Miscalibration.OVER_DISPERSED, sbc(WIDE, c).kind(), sbc(WIDE, c).sentence());
      assertEquals(Miscalibration.UNDER_DISPERSED, sbc(NARROW, c).kind(), sbc(NARROW, c).sentence());
      assertEquals(Miscalibration.BIASED_HIGH, sbc(BIASED, c).kind(), sbc(BIASED, c).sentence());
    }
    long[] h = Sbc.histogram(Sbc.rankFractions(WIDE.truth, WIDE.posteriors)[0], 10);
    // too wide: ranks pile up in the middle (a hump)
    assertTrue(h[4] + h[5] > 2 * (h[0] + h[9]), java.util.Arrays.toString(h));
  }

  private static Verdict sbc(Bed bed, int c) {
    return Sbc.verdict(Sbc.rankFractions(bed.truth, bed.posteriors)[c], 0.95, 5);
  }

  @Test
  void coverageByCentralIntervalsHpdAndEllipsoids() {
    for (Bed bed : List.of(CORRECT, WIDE, NARROW, BIASED)) {
      Miscalibration expected = bed == CORRECT ? Miscalibration.NONE
          : bed == WIDE ? Miscalibration.OVER_DISPERSED : Miscalibration.UNDER_DISPERSED;
      double[] central = Coverage.centralLevels(Sbc.rankFractions(bed.truth, bed.posteriors)[0]);
      assertEquals(expected, Coverage.verdict(central, 0.95, 3).kind(), Coverage.verdict(central, 0.95, 3).sentence());
      double[] joint = Coverage.jointLevels(bed.truth, bed.posteriors);
      assertEquals(expected, Coverage.verdict(joint, 0.95, 3).kind(), Coverage.verdict(joint, 0.95, 3).sentence());
      double[] truthDensity = new double[PAIRS];
      double[][] sampleDensity = new double[PAIRS][SAMPLES];
      for (int i = 0; i < PAIRS; i++) {
        truthDensity[i] = bed.logDensity(i, bed.truth.row(i));
        for (int s = 0; s < SAMPLES; s++) {
          sampleDensity[i][s] = bed.logDensity(i, bed.posteriors.get(i).row(s));
        }
      }
      double[] hpd = Coverage.hpdLevels(truthDensity, sampleDensity);
      assertEquals(expected, Coverage.verdict(hpd, 0.95, 3).kind(), Coverage.verdict(hpd, 0.95, 3).sentence());
      double[] curve = Coverage.curve(hpd, new double[] {0.5});
      if (bed == WIDE) {
        assertTrue(curve[0] > 0.6, "a too-wide posterior's 50 % region holds the truth more often: " + curve[0]);
      } else if (bed == NARROW) {
        assertTrue(curve[0] < 0.4, "a too-narrow posterior's 50 % region holds the truth less often: " + curve[0]);
      } else if (bed == CORRECT) {
        assertEquals(0.5, curve[0], 0.08);
      }
    }
  }

  @Test
  void tarpPassesTheExactPosteriorAndFlagsEachFailure() {
    float[] scale = {1, 1};
    for (Bed bed : List.of(CORRECT, WIDE, NARROW, BIASED)) {
      Miscalibration expected = bed == CORRECT ? Miscalibration.NONE
          : bed == WIDE ? Miscalibration.OVER_DISPERSED : Miscalibration.UNDER_DISPERSED;
      Verdict v = Tarp.verdict(Tarp.fractions(bed.truth, bed.posteriors, scale, 9), 0.95, 3);
      assertEquals(expected, v.kind(), v.sentence());
    }
  }

  @Test
  void recoveryZScoresAndContraction() {
    for (Bed bed : List.of(CORRECT, WIDE, NARROW, BIASED)) {
      Miscalibration expected = bed == CORRECT ? Miscalibration.NONE : bed == WIDE ? Miscalibration.OVER_DISPERSED
          : bed == NARROW ? Miscalibration.UNDER_DISPERSED : Miscalibration.BIASED_HIGH;
      double[] z = new double[PAIRS];
      for (int i = 0; i < PAIRS; i++) {
        z[i] = Recovery.zScore(bed.posteriors.get(i).column(1), bed.truth.get(i, 1));
      }
      Verdict v = Recovery.zScoreVerdict(z);
      assertEquals(expected, v.kind(), v.sentence());
    }
    // the exact posterior keeps s^2 / (1 + s^2) = 0.2 of the prior variance 1
    double contraction = Recovery.contraction(CORRECT.posteriors.get(0).column(0), 1.0);
    assertEquals(0.8, contraction, 0.05);
    assertEquals(Recovery.Level.RECOVERED, Recovery.level(contraction));
    assertEquals(Recovery.Level.PARTLY, Recovery.level(0.5));
    assertEquals(Recovery.Level.NOT_RECOVERED, Recovery.level(0.02));
    assertEquals(Recovery.Level.SUSPICIOUS, Recovery.level(-46));
    assertEquals(Recovery.Level.NOT_RECOVERED, Recovery.level(-1.02));
  }

  @Test
  void posteriorPredictiveFlagsABiasedPosteriorAndCalibratesOnHeldOutMeasurements() {
    SplittableRandom r = new SplittableRandom(21);
    int flaggedCorrect = 0;
    int flaggedBiasedHigh = 0;
    Bed biased = Bed.of(1, 6, 5);
    List<Bed> beds = List.of(CORRECT, WIDE, NARROW, BIASED);
    double[][] pit = new double[beds.size()][PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      float[] y = CORRECT.y.row(i);
      flaggedCorrect += PosteriorPredictive.check(y, replicate(CORRECT.posteriors.get(i), r)).outside().length > 0 ? 1 : 0;
      Verdict v = PosteriorPredictive.check(biased.y.row(i), replicate(biased.posteriors.get(i), r))
          .verdict(List.of("y1", "y2"));
      flaggedBiasedHigh += v.kind() == Miscalibration.BIASED_HIGH ? 1 : 0;
      for (int b = 0; b < beds.size(); b++) {
        Bed bed = beds.get(b);
        // a second measurement of the same truth is distributed as the posterior predictive
        float[] again = {(float) (bed.truth.get(i, 0) + NOISE * gauss(r)), (float) (bed.truth.get(i, 1) + NOISE * gauss(r))};
        pit[b][i] = PosteriorPredictive.pit(again, replicate(bed.posteriors.get(i), r))[0];
      }
    }
    assertTrue(flaggedCorrect <= PAIRS / 20, "exact posterior flagged for " + flaggedCorrect + " of " + PAIRS);
    assertTrue(flaggedBiasedHigh >= PAIRS * 9 / 10, "posterior 6 sd too high flagged for " + flaggedBiasedHigh);
    assertEquals(Miscalibration.NONE, Sbc.verdict(pit[0], 0.95, 1).kind(), Sbc.verdict(pit[0], 0.95, 1).sentence());
    assertEquals(Miscalibration.OVER_DISPERSED, Sbc.verdict(pit[1], 0.95, 1).kind());
    assertEquals(Miscalibration.UNDER_DISPERSED, Sbc.verdict(pit[2], 0.95, 1).kind());
    assertEquals(Miscalibration.BIASED_HIGH, Sbc.verdict(pit[3], 0.95, 1).kind(), Sbc.verdict(pit[3], 0.95, 1).sentence());
  }

  /** y_rep = x_s + noise for every posterior sample. */
  private static Matrix replicate(Matrix x, SplittableRandom r) {
    float[] out = new float[x.data().length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (float) (x.data()[k] + NOISE * gauss(r));
    }
    return new Matrix(x.rows(), x.cols(), out);
  }

  @Test
  void correlationOfAKnownGaussian() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 20000;
    float[] s = new float[n * 3];
    for (int i = 0; i < n; i++) {
      double a = gauss(r);
      double b = gauss(r);
      s[i * 3] = (float) a;
      s[i * 3 + 1] = (float) (5 + 2 * (0.8 * a + 0.6 * b));
      s[i * 3 + 2] = (float) gauss(r);
    }
    double[][] corr = Correlation.matrix(new Matrix(n, 3, s));
    assertEquals(0.8, corr[0][1], 0.02);
    assertEquals(corr[0][1], corr[1][0], 1e-12);
    assertEquals(0, corr[0][2], 0.03);
    assertEquals(1, corr[2][2], 0);
  }

  @Test
  void modesOfEightGaussiansOnACircleAndOfOne() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 4000;
    float[] s = new float[n * 2];
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(8);
      double angle = 2 * Math.PI * (k + 0.5) / 8;
      s[i * 2] = (float) (2.613 * Math.cos(angle) + 0.2 * gauss(r));
      s[i * 2 + 1] = (float) (2.613 * Math.sin(angle) + 0.2 * gauss(r));
    }
    List<Modes.Mode> modes = Modes.find(new Matrix(n, 2, s), 1);
    assertEquals(8, modes.size(), "modes: " + modes.size());
    for (Modes.Mode m : modes) {
      assertEquals(2.613, Math.hypot(m.centre()[0], m.centre()[1]), 0.1);
      assertEquals(1 / 8.0, m.mass(), 0.05);
    }
    assertEquals(1, Modes.find(CORRECT.posteriors.get(0), 1).size());
    float[] two = new float[n];
    for (int i = 0; i < n; i++) {
      two[i] = (float) ((i % 2 == 0 ? -2 : 2) + 0.5 * gauss(r));
    }
    assertEquals(2, Modes.find(new Matrix(n, 1, two), 1).size(), "two Gaussians 8 sd apart");
    float[] four = new float[n * 4];
    for (int i = 0; i < n * 4; i++) {
      four[i] = (float) gauss(r);
    }
    assertEquals(1, Modes.find(new Matrix(n, 4, four), 2).size(), "a 4-D standard normal has one mode");
  }
}
