package dev.inn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/diagnostics.md, verbatim between the markers, so the page's code compiles
 * and its claims hold: the exact posterior of a conjugate Gaussian passes SBC, coverage and TARP,
 * contracts as the prior and noise say, and mean shift finds its mode.
 */
class LibraryExampleTest {

  @Test
  void theDocumentedExampleRunsAndTheExactPosteriorPasses() {
    // --- example: begin
    // x ~ N(0, 1) in 2 dimensions, y = x + N(0, 0.5^2): the posterior is N(0.8 y, 0.2)
    Random random = new Random(1);
    int pairs = 300;
    int draws = 200;
    float[] truthValues = new float[pairs * 2];
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      float[] samples = new float[draws * 2];
      for (int c = 0; c < 2; c++) {
        double x = random.nextGaussian();
        double y = x + 0.5 * random.nextGaussian();
        truthValues[i * 2 + c] = (float) x;
        for (int s = 0; s < draws; s++) {
          samples[s * 2 + c] = (float) (0.8 * y + Math.sqrt(0.2) * random.nextGaussian());
        }
      }
      posteriors.add(new Matrix(draws, 2, samples)); // one row per posterior draw
    }
    Matrix truth = new Matrix(pairs, 2, truthValues); // one row per observation

    double[][] ranks = Sbc.rankFractions(truth, posteriors); // [parameter][observation]
    Verdict sbc = Sbc.verdict(ranks[0], 0.95, 7);
    Verdict coverage = Coverage.verdict(Coverage.jointLevels(truth, posteriors), 0.95, 7);
    Verdict tarp = Tarp.verdict(Tarp.fractions(truth, posteriors, new float[] {1, 1}, 7), 0.95, 7);
    double contraction = Recovery.contraction(posteriors.get(0).column(0), 1.0); // prior variance 1
    float[] map = new MeanShiftMap(0.3, 16).estimate(posteriors.get(0), new float[] {1, 1}, 7);
    List<Modes.Mode> modes = Modes.find(posteriors.get(0), 7);
    System.out.println(sbc.sentence() + "\n" + coverage.sentence() + "\n" + tarp.sentence());
    // --- example: end

    assertThat(sbc.flagged()).isFalse();
    assertThat(coverage.flagged()).isFalse();
    assertThat(tarp.flagged()).isFalse();
    // 1 - 0.2 / 1, up to the sampling error of 200 draws
    assertThat(contraction).isCloseTo(0.8, within(0.06));
    assertThat(Recovery.level(contraction)).isEqualTo(Recovery.Level.RECOVERED);
    assertThat(modes).hasSize(1);
    double[] mean = Correlation.mean(posteriors.get(0));
    assertThat((double) map[0]).isCloseTo(mean[0], within(0.2));
    assertThat((double) map[1]).isCloseTo(mean[1], within(0.2));
  }

  @Test
  void aTooNarrowPosteriorIsFlaggedByTheSameCalls() {
    Random random = new Random(2);
    int pairs = 300;
    float[] truthValues = new float[pairs];
    List<Matrix> posteriors = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      double x = random.nextGaussian();
      double y = x + 0.5 * random.nextGaussian();
      truthValues[i] = (float) x;
      float[] samples = new float[200];
      for (int s = 0; s < samples.length; s++) {
        samples[s] = (float) (0.8 * y + 0.4 * Math.sqrt(0.2) * random.nextGaussian());
      }
      posteriors.add(new Matrix(samples.length, 1, samples));
    }
    Matrix truth = new Matrix(pairs, 1, truthValues);
    Verdict sbc = Sbc.verdict(Sbc.rankFractions(truth, posteriors)[0], 0.95, 7);
    assertThat(sbc.kind()).isEqualTo(Miscalibration.UNDER_DISPERSED);
  }
}
