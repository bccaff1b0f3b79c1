package dev.inn.problems.rawcurves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.ObservationShape;
import dev.inn.api.problem.ReferenceObservation;
import dev.inn.problems.sbibm.LotkaVolterra;
import dev.inn.problems.sbibm.Sir;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;

class RawCurveTaskTest {

  private final SirCurve sir = new SirCurve();
  private final LotkaVolterraCurve lv = new LotkaVolterraCurve();

  @Test
  void curvesAreFixedLengthSequencesAndReproducible() {
    Dataset s = sir.sample(40, 1);
    assertThat(sir.observationShape()).isEqualTo(new ObservationShape.Sequence(1));
    assertThat(s.y().cols()).isEqualTo(161);
    assertThat(s.lengths()).hasSize(40).containsOnly(161);
    for (float v : s.y().data()) {
      assertThat(v).isBetween(0f, 1000f).isEqualTo((float) Math.rint(v));
    }
    Dataset l = lv.sample(40, 1);
    assertThat(lv.observationShape()).isEqualTo(new ObservationShape.Sequence(2));
    assertThat(l.y().cols()).isEqualTo(402);
    assertThat(l.lengths()).containsOnly(201);
    // step 0 is (30 prey, 1 predator) times log-normal noise
    for (int i = 0; i < 40; i++) {
      assertThat(l.y().get(i, 0) / 30.0).isBetween(0.6, 1.6);
      assertThat(l.y().get(i, 1) / 1.0).isBetween(0.6, 1.6);
    }
    assertThat(sir.sample(40, 1)).isEqualTo(s);
    assertThat(lv.prior().orElseThrow().sample(40, 1)).isEqualTo(l.x());
  }

  /** The curve at the summary's days has the summary task's distribution (same prior, ODE and noise). */
  @Test
  void summaryStepsOfTheCurveMatchTheSummaryTask() {
    Dataset curve = sir.sample(1000, 2);
    Dataset summary = new Sir().sample(1000, 3);
    for (int i = 0; i < 10; i++) {
      double a = 0;
      double b = 0;
      for (int r = 0; r < 1000; r++) {
        a += curve.y().get(r, 17 * i) / 1000.0;
        b += summary.y().get(r, i) / 1000.0;
      }
      // between-draw sd of the count is below 300, so the means differ by at most about 3 * 300 * sqrt(2 / 1000)
      assertThat(a).as("day %d", 17 * i).isCloseTo(b, within(40.0));
    }
  }

  @Test
  void likelihoodIsTheTasksNoiseModelAndPeaksNearTheTruth() {
    ReferenceObservation ref = sir.referenceObservations().get(0);
    float[] curve = ref.observation();
    double[] truth = {ref.trueParameters()[0], ref.trueParameters()[1]};
    double[][] states = Sir.solve(truth[0], truth[1], days());
    double expected = 0;
    for (int t = 0; t < 161; t++) {
      double p = Math.min(1, Math.max(0, states[t][1] / Sir.POPULATION));
      expected += new BinomialDistribution(null, 1000, p).logProbability(Math.round(curve[t]));
    }
    assertThat(sir.logLikelihood(truth, curve)).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    assertThat(sir.logLikelihood(truth, curve)).isGreaterThan(sir.logLikelihood(new double[] {truth[0] * 1.03, truth[1]},
        curve));

    ReferenceObservation lvRef = lv.referenceObservations().get(2);
    double[] lvTruth = new double[4];
    for (int j = 0; j < 4; j++) {
      lvTruth[j] = lvRef.trueParameters()[j];
    }
    double[] times = new double[201];
    for (int t = 0; t < 201; t++) {
      times[t] = t / 10.0;
    }
    double[][] lvStates = LotkaVolterra.solve(lvTruth, times);
    double lvExpected = 0;
    for (int t = 0; t < 201; t++) {
      for (int k = 0; k < 2; k++) {
        double c = Math.min(1e4, Math.max(1e-10, lvStates[t][k]));
        lvExpected += new LogNormalDistribution(null, Math.log(c), 0.1).logDensity(lvRef.observation()[2 * t + k]);
      }
    }
    assertThat(lv.logLikelihood(lvTruth, lvRef.observation())).isCloseTo(lvExpected, within(1e-6 * Math.abs(lvExpected)));
  }

  /** The completed official observations hold sbibm's values exactly at the subsampled steps. */
  @Test
  void referenceCurvesContainTheOfficialObservations() {
    List<ReferenceObservation> official = new Sir().referenceObservations();
    List<ReferenceObservation> raw = sir.referenceObservations();
    assertThat(raw).hasSize(10);
    for (int k = 0; k < 10; k++) {
      assertThat(raw.get(k).trueParameters()).isEqualTo(official.get(k).trueParameters());
      for (int i = 0; i < 10; i++) {
        assertThat(raw.get(k).observation()[17 * i]).isEqualTo(official.get(k).observation()[i]);
      }
    }
    List<ReferenceObservation> lvOfficial = new LotkaVolterra().referenceObservations();
    float[] curve = lv.referenceObservations().get(4).observation();
    for (int i = 0; i < 20; i++) {
      assertThat(curve[2 * 21 * (i % 10) + i / 10]).isEqualTo(lvOfficial.get(4).observation()[i]);
    }
    assertThat(lv.referenceObservations().get(4).observation()).isEqualTo(curve);
  }

  @Test
  void badCurvesAreRefusedByPosition() {
    assertThatThrownBy(() -> sir.exactPosterior().orElseThrow().sample(new float[10], 10, 1))
        .hasMessageContaining("161");
    float[] curve = new float[402];
    curve[7] = Float.NaN;
    assertThatThrownBy(() -> lv.exactPosterior().orElseThrow().sample(curve, 10, 1))
        .hasMessageContaining("step 3 channel 1");
  }

  private static double[] days() {
    double[] d = new double[161];
    for (int t = 0; t < 161; t++) {
      d[t] = t;
    }
    return d;
  }
}
