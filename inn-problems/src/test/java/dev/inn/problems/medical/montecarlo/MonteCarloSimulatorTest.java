package dev.inn.problems.medical.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonteCarloSimulatorTest {

  /** van de Hulst's slab as reproduced by MCML: mu_a 10, mu_s 90 /cm, g 0.75, 0.02 cm, matched. */
  @Test
  void matchedSlabAgreesWithVanDeHulst() {
    Tissue slab = Tissue.inAir(List.of(new Layer(1.0, 10, 90, 0.75, 0.02)));
    TransportResult r = new MonteCarloSimulator(slab).run(400_000, 42);
    System.out.printf("matched slab: R = %.5f +- %.5f (0.09734), T = %.5f +- %.5f (0.66096)%n", r.diffuseReflectance(), r.diffuseReflectanceError(), r.transmittance(), r.transmittanceError());
    assertThat(r.specularReflectance()).isEqualTo(0.0);
    assertThat(Math.abs(r.diffuseReflectance() - 0.09734)).isLessThan(3 * r.diffuseReflectanceError());
    assertThat(Math.abs(r.transmittance() - 0.66096)).isLessThan(3 * r.transmittanceError());
    assertThat(r.diffuseReflectanceError()).isLessThan(0.001);
    // Energy: everything not reflected or transmitted was absorbed (roulette is unbiased on average).
    assertThat(r.diffuseReflectance() + r.transmittance() + r.absorbance()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
  }

  /**
   * A half-space with isotropic scattering (albedo 0.9, matched boundary): the reflectance of a
   * normal beam is 1 - H(1) sqrt(1 - albedo), with Chandrasekhar's H function solved here by
   * quadrature, independently of any Monte Carlo.
   */
  @Test
  void semiInfiniteIsotropicMediumMatchesChandrasekharH() {
    double albedo = 0.9;
    double expected = 1 - chandrasekharH(albedo, 1.0) * Math.sqrt(1 - albedo);
    assertThat(expected).isBetween(0.40, 0.43); // H(1) ~ 1.85 for albedo 0.9
    Tissue halfSpace = Tissue.inAir(List.of(new Layer(1.0, 10, 90, 0.0, 5.0)));
    TransportResult r = new MonteCarloSimulator(halfSpace).run(200_000, 7);
    System.out.printf("half-space albedo 0.9: MC R = %.5f +- %.5f, Chandrasekhar %.5f%n", r.diffuseReflectance(), r.diffuseReflectanceError(), expected);
    assertThat(r.transmittance()).isEqualTo(0.0);
    assertThat(Math.abs(r.diffuseReflectance() - expected)).isLessThan(3.5 * r.diffuseReflectanceError());
  }

  /** Splitting a mismatched layer into two identical ones changes nothing physically. */
  @Test
  void twoIdenticalLayersEqualOneLayerOfSummedThickness() {
    Layer half = new Layer(1.4, 2, 100, 0.9, 0.05);
    Layer whole = new Layer(1.4, 2, 100, 0.9, 0.1);
    TransportResult two = new MonteCarloSimulator(Tissue.inAir(List.of(half, half))).run(200_000, 1);
    TransportResult one = new MonteCarloSimulator(Tissue.inAir(List.of(whole))).run(200_000, 2);
    assertThat(two.specularReflectance()).isCloseTo(Math.pow(0.4 / 2.4, 2), org.assertj.core.data.Offset.offset(1e-12));
    double seR = Math.hypot(one.diffuseReflectanceError(), two.diffuseReflectanceError());
    double seT = Math.hypot(one.transmittanceError(), two.transmittanceError());
    assertThat(Math.abs(one.diffuseReflectance() - two.diffuseReflectance())).isLessThan(3.5 * seR);
    assertThat(Math.abs(one.transmittance() - two.transmittance())).isLessThan(3.5 * seT);
    // The index mismatch traps light: much less escapes than in the matched slab.
    assertThat(one.diffuseReflectance()).isBetween(0.05, 0.6);
  }

  /** With no absorption, every photon leaves: R_sp + R_d + T = 1 exactly per photon. */
  @Test
  void nonAbsorbingStackConservesEnergy() {
    Tissue t = new Tissue(List.of(new Layer(1.33, 0, 50, 0.8, 0.05), new Layer(1.5, 0, 20, 0.0, 0.03)), 1.0, 1.2);
    TransportResult r = new MonteCarloSimulator(t).run(50_000, 3);
    assertThat(r.specularReflectance() + r.diffuseReflectance() + r.transmittance())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  /** A clear layer (mu_t = 0) with an index step only reflects by Fresnel: R = R_sp + multiple passes. */
  @Test
  void clearSlabReflectsLikeAPaneOfGlass() {
    Tissue glass = Tissue.inAir(List.of(new Layer(1.5, 0, 0, 0, 0.1)));
    TransportResult r = new MonteCarloSimulator(glass).run(100_000, 4);
    double rs = 0.04;
    // Incoherent multiple reflections between two faces: R_total = 2 r / (1 + r).
    double total = 2 * rs / (1 + rs);
    assertThat(Math.abs(r.specularReflectance() + r.diffuseReflectance() - total))
        .isLessThan(3.5 * r.diffuseReflectanceError());
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Tissue t = Tissue.inAir(List.of(new Layer(1.37, 5, 100, 0.9, 0.05)));
    MonteCarloSimulator sim = new MonteCarloSimulator(t);
    TransportResult a = sim.run(20_000, 9, 1);
    TransportResult b = sim.run(20_000, 9, 3);
    assertThat(b).isEqualTo(a);
    assertThat(sim.run(20_000, 10, 1)).isNotEqualTo(a);
  }

  @Test
  void rejectsUnphysicalLayers() {
    assertThatThrownBy(() -> new Layer(1.0, -1, 10, 0.5, 0.1)).hasMessageContaining("mu_a");
    assertThatThrownBy(() -> new Layer(1.0, 1, 10, 1.0, 0.1)).hasMessageContaining("anisotropy");
    assertThatThrownBy(() -> new Layer(1.0, 1, 10, 0.5, 0)).hasMessageContaining("thickness");
    assertThatThrownBy(() -> Tissue.inAir(List.of())).hasMessageContaining("at least one layer");
  }

  /** H(mu) for isotropic scattering, by fixed-point iteration on 64-point Gauss-Legendre nodes. */
  static double chandrasekharH(double albedo, double mu) {
    int n = 64;
    double[] x = new double[n];
    double[] w = new double[n];
    gaussLegendre01(n, x, w);
    double[] h = new double[n];
    java.util.Arrays.fill(h, 1.0);
    for (int it = 0; it < 2000; it++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        next[i] = hAt(albedo, x[i], x, w, h);
      }
      h = next;
    }
    return hAt(albedo, mu, x, w, h);
  }

  // The form H = 1 / (sqrt(1 - a) + a/2 * int mu' H(mu') / (mu + mu') dmu') converges quickly.
  private static double hAt(double albedo, double mu, double[] x, double[] w, double[] h) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += w[j] * x[j] * h[j] / (mu + x[j]);
    }
    return 1 / (Math.sqrt(1 - albedo) + albedo / 2 * s);
  }

  private static void gaussLegendre01(int n, double[] x, double[] w) {
    for (int i = 0; i < n; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int k = 0; k < 100; k++) {
        double p0 = 1;
        double p1 = z;
        for (int m = 2; m <= n; m++) {
          double p2 = ((2 * m - 1) * z * p1 - (m - 1) * p0) / m;
          p0 = p1;
          p1 = p2;
        }
        dp = n * (z * p1 - p0) / (z * z - 1);
        double dz = p1 / dp;
        z -= dz;
        if (Math.abs(dz) < 1e-15) {
          break;
        }
      }
      x[i] = 0.5 * (z + 1);
      w[i] = 1.0 / ((1 - z * z) * dp * dp);
    }
  }
}
