package dev.inn.problems.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.inn.problems.medical.montecarlo.Layer;
import dev.inn.problems.medical.montecarlo.Tissue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColonModelTest {

  private final HemoglobinSpectrum hb = HemoglobinSpectrum.bundled();

  @Test
  void hemoglobinTableIsInterpolatedLinearly() {
    assertThat(hb.oxy(560)).isEqualTo(32613.2);
    assertThat(hb.deoxy(560)).isEqualTo(53788);
    assertThat(hb.oxy(471)).isCloseTo((33209.2 + hb.oxy(472)) / 2, offset(1e-9));
    assertThatThrownBy(() -> hb.oxy(399)).hasMessageContaining("outside the hemoglobin table");
  }

  @Test
  void layerOpticsFollowTheSpecFormulas() {
    double[] x = PhotonBenchmark.representativeSample();
    x[0] = 0.3;
    x[ColonModel.vHb(1)] = 0.02;
    x[ColonModel.aMie(1)] = 25;
    x[ColonModel.anisotropy(1)] = 0.9;
    x[ColonModel.thickness(1)] = 500;
    Tissue t = ColonModel.tissue(hb, x, 560);
    Layer l = t.layers().get(1);
    double eps = 0.3 * 32613.2 + 0.7 * 53788;
    assertThat(l.absorption()).isCloseTo(0.02 * Math.log(10) * 150 * eps / 64500, offset(1e-9));
    assertThat(l.scattering()).isCloseTo(25 * Math.pow(560 / 500.0, -1.286) / 0.1, offset(1e-9));
    assertThat(l.thickness()).isCloseTo(0.05, offset(1e-12));
    assertThat(l.anisotropy()).isEqualTo(0.9);
    assertThat(t.layers().get(2).refractiveIndex()).isEqualTo(1.38);
    assertThat(t.ambientAbove()).isEqualTo(1.0);
    assertThat(t.ambientBelow()).isEqualTo(1.0);
  }

  @Test
  void priorDrawsStayInTheirRanges() {
    SplittableRandom rng = new SplittableRandom(5);
    double aMieSum = 0;
    int n = 20_000;
    double[] lo = ColonModel.priorSupport().lower();
    double[] hi = ColonModel.priorSupport().upper();
    for (int i = 0; i < n; i++) {
      double[] x = ColonModel.drawPrior(rng);
      for (int k = 0; k < x.length; k++) {
        assertThat(x[k]).as(ColonModel.parameterNames().get(k)).isBetween(lo[k], hi[k]);
      }
      assertThat(x[0]).isBetween(0.0, 1.0);
      for (int l = 0; l < 3; l++) {
        assertThat(x[ColonModel.vHb(l)]).isBetween(0.0, 0.1);
        assertThat(x[ColonModel.aMie(l)]).isPositive();
        assertThat(x[ColonModel.anisotropy(l)]).isBetween(0.8, 0.95);
        assertThat(x[ColonModel.thickness(l)]).isBetween(ColonModel.THICKNESS_UM[l][0], ColonModel.THICKNESS_UM[l][1]);
        aMieSum += x[ColonModel.aMie(l)];
      }
    }
    // Truncating N(18.9, 10.2) at 0 raises the mean to about 19.66.
    assertThat(aMieSum / (3 * n)).isCloseTo(19.66, offset(0.15));
    assertThat(ColonModel.parameterNames()).hasSize(13).startsWith("sO2", "v_hb_1", "a_mie_1", "g_1", "d_1");
  }

  @Test
  void moreBloodReflectsLessAtAnAbsorbingWavelength() {
    ColonReflectanceSimulator sim = new ColonReflectanceSimulator(hb, new MultispectralCamera(new double[] {560}, 10),
        new PhotonBudget(0.02, 2_000, 200_000, 5));
    double previous = Double.POSITIVE_INFINITY;
    double previousError = 0;
    for (double v : new double[] {0.005, 0.03, 0.1}) {
      double[] x = PhotonBenchmark.representativeSample();
      for (int l = 0; l < 3; l++) {
        x[ColonModel.vHb(l)] = v;
      }
      BandReflectance r = sim.simulate(x, 11);
      assertThat(r.worstRelativeError()).isLessThanOrEqualTo(0.02);
      assertThat(r.reflectance()[0]).isLessThan(previous - 3 * Math.hypot(previousError, r.standardError()[0]));
      previous = r.reflectance()[0];
      previousError = r.standardError()[0];
    }
  }

  @Test
  void adaptiveBudgetReachesTheTargetOrTheCap() {
    ColonReflectanceSimulator sim = ColonReflectanceSimulator.standard(new PhotonBudget(0.03, 1_000, 30_000, 5));
    BandReflectance r = sim.simulate(PhotonBenchmark.representativeSample(), 3);
    for (int k = 0; k < 8; k++) {
      double rel = r.standardError()[k] / r.reflectance()[k];
      assertThat(rel <= 0.03 || r.photons()[k] >= 30_000).as("band %d: rel %.4f photons %d", k, rel, r.photons()[k])
          .isTrue();
      assertThat(r.photons()[k]).isBetween(1_000L, 30_000L);
    }
    assertThat(sim.simulate(PhotonBenchmark.representativeSample(), 3).reflectance()).isEqualTo(r.reflectance());
  }

  @Test
  void normalisationRemovesIlluminationAndHasUnitNorm() {
    double[] r = {0.1, 0.12, 0.09, 0.05, 0.04, 0.2, 0.4, 0.45};
    double[] scaled = r.clone();
    for (int k = 0; k < 8; k++) {
      scaled[k] *= 0.5;
    }
    double[] a = Measurement.normalize(r);
    double[] b = Measurement.normalize(scaled);
    double norm = 0;
    for (int k = 0; k < 8; k++) {
      assertThat(b[k]).isCloseTo(a[k], offset(1e-12));
      norm += a[k] * a[k];
    }
    assertThat(norm).isCloseTo(1.0, offset(1e-12));
    double sum = 0;
    for (double v : r) {
      sum += v;
    }
    assertThat(a[6] / a[0]).isCloseTo(Math.log(r[6] / sum) / Math.log(r[0] / sum), offset(1e-12));
    double[] noisy = Measurement.withNoise(new double[] {2.0, 1e-9, 0.3}, 1e9, new SplittableRandom(1));
    assertThat(noisy[0]).isEqualTo(1.0);
    assertThat(noisy[1]).isEqualTo(1e-5);
    assertThat(noisy[2]).isCloseTo(0.3, offset(1e-6));
  }

  @Test
  void unphysicalParametersAreNamed() {
    double[] x = PhotonBenchmark.representativeSample();
    x[ColonModel.aMie(2)] = -1;
    assertThat(ColonModel.whyUnphysical(x)).contains("a_mie_3");
    assertThatThrownBy(() -> ColonModel.tissue(hb, x, 560)).hasMessageContaining("a_mie_3");
  }
}
